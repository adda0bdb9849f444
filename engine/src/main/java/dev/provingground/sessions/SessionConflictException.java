package dev.provingground.sessions;

/** The request is well formed but does not fit the session now: the wrong moment, the wrong person, or done twice. */
public class SessionConflictException extends RuntimeException {

	public SessionConflictException(String message) {
		super(message);
	}

}
