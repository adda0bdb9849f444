package dev.provingground.catalog;

/** The learner's workspace asks for a stack the scenario does not allow; the message says what to change. */
public class InvalidWorkspaceException extends RuntimeException {

	public InvalidWorkspaceException(String message) {
		super(message);
	}

}
