package dev.provingground.runs;

import java.util.UUID;

/** The run does not exist, or is not the caller's: the two are not told apart. */
public class RunNotFoundException extends RuntimeException {

	public RunNotFoundException(UUID runId) {
		super("Run " + runId + " does not exist or is not yours");
	}

}
