package dev.provingground.milestones;

/** Where a learner's project is: working through milestones, waiting for review, done or cancelled. */
public enum ProjectRunState {

	WORKING, IN_REVIEW, COMPLETED, CANCELLED

}
