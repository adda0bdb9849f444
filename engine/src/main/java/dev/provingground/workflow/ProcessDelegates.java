package dev.provingground.workflow;

import java.util.Set;

/**
 * The allow-list: the only beans a process model may name, as {@code camunda:delegateExpression="#{name}"} on a
 * service task or a task listener. Model validation rejects any other, and the engine's expression language sees no
 * other bean at all.
 */
public final class ProcessDelegates {

	public static final String LOAD_SKILL_FIGURES = "loadSkillFigures";

	public static final String RECORD_TIER = "recordTier";

	/** scenario-run */
	public static final String PROVISION_STACK = "provisionStack";

	public static final String RUN_BASELINE_LOAD = "runBaselineLoad";

	public static final String RUN_LOAD = "runLoad";

	public static final String RESTART_STACK = "restartStack";

	public static final String RUN_CHECKS = "runChecks";

	public static final String GIVE_UP = "giveUp";

	public static final String RECORD_EVIDENCE = "recordEvidence";

	public static final String TEAR_DOWN_STACK = "tearDownStack";

	public static final String PARK_RUN = "parkRun";

	public static final String CANCEL_RUN = "cancelRun";

	public static final String COMPLETE_RUN = "completeRun";

	public static final String REVIEW_GUARD = "reviewGuard";

	public static final String ESCALATE_REVIEW = "escalateReview";

	public static final String RECORD_ENDORSEMENT = "recordEndorsement";

	public static final String RECORD_ACTIVITY = "recordActivity";

	/** milestone-project */
	public static final String OPEN_MILESTONE = "openMilestone";

	public static final String CHECK_MILESTONE = "checkMilestone";

	public static final String GIVE_UP_MILESTONE = "giveUpMilestone";

	public static final String RECORD_PROJECT_EVIDENCE = "recordProjectEvidence";

	public static final String CANCEL_PROJECT = "cancelProject";

	public static final String COMPLETE_PROJECT = "completeProject";

	/** peer-session */
	public static final String FIND_PARTNER = "findPartner";

	public static final String RELEASE_PARTNER = "releasePartner";

	public static final String CLOSE_UNMATCHED = "closeUnmatched";

	public static final String SCHEDULE_SESSION = "scheduleSession";

	public static final String OPEN_EVALUATIONS = "openEvaluations";

	public static final String EVALUATION_GUARD = "evaluationGuard";

	public static final String SETTLE_SESSION = "settleSession";

	public static final String RECORD_SESSION_EVIDENCE = "recordSessionEvidence";

	public static final String RECORD_SESSION_ENDORSEMENTS = "recordSessionEndorsements";

	public static final String RECORD_SESSION_ACTIVITIES = "recordSessionActivities";

	public static final String COMPLETE_SESSION = "completeSession";

	public static final String CANCEL_SESSION = "cancelSession";

	public static final Set<String> ALLOWED = Set.of(LOAD_SKILL_FIGURES, RECORD_TIER, PROVISION_STACK,
			RUN_BASELINE_LOAD, RUN_LOAD, RESTART_STACK, RUN_CHECKS, GIVE_UP, RECORD_EVIDENCE, TEAR_DOWN_STACK, PARK_RUN,
			CANCEL_RUN, COMPLETE_RUN, REVIEW_GUARD, ESCALATE_REVIEW, RECORD_ENDORSEMENT, RECORD_ACTIVITY,
			OPEN_MILESTONE, CHECK_MILESTONE, GIVE_UP_MILESTONE, RECORD_PROJECT_EVIDENCE, CANCEL_PROJECT, COMPLETE_PROJECT,
			// peer-session
			FIND_PARTNER, RELEASE_PARTNER, CLOSE_UNMATCHED, SCHEDULE_SESSION, OPEN_EVALUATIONS, EVALUATION_GUARD,
			SETTLE_SESSION, RECORD_SESSION_EVIDENCE, RECORD_SESSION_ENDORSEMENTS, RECORD_SESSION_ACTIVITIES,
			COMPLETE_SESSION, CANCEL_SESSION);

	private ProcessDelegates() {
	}

}
