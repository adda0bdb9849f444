package dev.provingground.milestones;

/** A learner's request that does not fit the project's state now; nothing changed. */
public class InvalidProjectRequestException extends RuntimeException {

	public InvalidProjectRequestException(String message) {
		super(message);
	}

}
