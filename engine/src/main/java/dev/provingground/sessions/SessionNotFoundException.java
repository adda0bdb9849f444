package dev.provingground.sessions;

import java.util.UUID;

/** The session does not exist, or the caller takes no part in it: the two are not told apart. */
public class SessionNotFoundException extends RuntimeException {

	public SessionNotFoundException(UUID sessionId) {
		super("Peer session " + sessionId + " does not exist or is not yours");
	}

}
