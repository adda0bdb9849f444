package dev.provingground.load;

/** A measurement was taken out of the line (the learner cancelled it) before it was admitted. */
public class MeasurementCancelledException extends RuntimeException {

	public MeasurementCancelledException(String message) {
		super(message);
	}

}
