package dev.provingground.runs;

/** A learner's request does not fit the run: a bad reflection, an unknown load profile, or the wrong moment. */
public class InvalidRunRequestException extends RuntimeException {

	public InvalidRunRequestException(String message) {
		super(message);
	}

}
