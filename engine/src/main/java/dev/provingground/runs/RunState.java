package dev.provingground.runs;

/** Where a run is, as the learner sees it. */
public enum RunState {

	/** The stack is being started, the first time or on resume. */
	PROVISIONING,
	/** The learner diagnoses and fixes: load runs, restarts and checks. */
	WORKING,
	/** Idle too long: the stack is gone, the workspace kept; resuming provisions again. */
	PARKED,
	/** Checks passed, or the learner gave up: the reflection is due. */
	REFLECTING,
	/** Evidence recorded, stack torn down: waiting for a peer review. */
	IN_REVIEW,
	COMPLETED,
	CANCELLED;

	/** The learner may still cancel: nothing has been submitted. */
	public boolean cancellable() {
		return this == PROVISIONING || this == WORKING || this == PARKED || this == REFLECTING;
	}

}
