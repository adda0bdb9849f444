package dev.provingground.sessions;

/** Where a request, and the session it becomes, stands. */
public enum SessionState {

	/** Looking for a partner; other requests may pick it. */
	MATCHING,
	/** A partner was found and asked; waiting for their answer. */
	PROPOSED,
	/** Another learner's request proposed a session to this requester; waiting for their answer there. */
	HELD,
	/** The partner accepted: the slot is set. */
	SCHEDULED,
	/** The slot began: both evaluate each other. */
	EVALUATING,
	/** Held: each participant may endorse the other. */
	ENDORSING,
	COMPLETED,
	/** Someone did not attend; the absent get no credit. */
	NO_SHOW,
	/** Nobody matched before the deadline. */
	NO_MATCH,
	/** The requester accepted another learner's proposal: this request became part of that session. */
	JOINED,
	CANCELLED;

	/** Still waiting for something to happen, before or during the session. */
	public boolean active() {
		return this == MATCHING || this == PROPOSED || this == HELD || this == SCHEDULED || this == EVALUATING
				|| this == ENDORSING;
	}

	/** A participant may still call it off: the slot has not begun. */
	public boolean cancellable() {
		return this == MATCHING || this == PROPOSED || this == SCHEDULED;
	}

}
