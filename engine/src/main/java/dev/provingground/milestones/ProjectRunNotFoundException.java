package dev.provingground.milestones;

import java.util.UUID;

/** No project run with this id, or not the caller's. */
public class ProjectRunNotFoundException extends RuntimeException {

	ProjectRunNotFoundException(UUID runId) {
		super("There is no project run " + runId + " of yours");
	}

}
