package dev.provingground.workflow;

/** Names of process variables and messages, shared by models, delegates, controllers and tests. */
public final class ProcessVariables {

	public static final String LEARNER_ID = "learnerId";

	public static final String SKILL = "skill";

	// The inputs of the sci-tier decision are the learner's figures: SkillFigures.decisionInputs() names them.

	/** Output of the {@code sci-tier} decision. */
	public static final String TIER = "tier";

	/** What the learner did, as review and the SCI name it: the scenario's or the project's id. */
	public static final String ACTIVITY_ID = "activityId";

	/** What the activity is about, as the tier's breadth counts it: the scenario's concepts (a list of names). */
	public static final String ACTIVITY_CONCEPTS = "activityConcepts";

	/** scenario-run: what the run is. */
	public static final String RUN_ID = "runId";

	public static final String SCENARIO_ID = "scenarioId";

	public static final String RUBRIC_ID = "rubricId";

	/** scenario-run: timer durations (ISO 8601), set at the start from the runs settings. */
	public static final String IDLE_AFTER = "idleAfter";

	public static final String REVIEW_ESCALATE_AFTER = "reviewEscalateAfter";

	public static final String ENDORSEMENT_WINDOW = "endorsementWindow";

	/** scenario-run: the fix loop. */
	public static final String BASELINE_RECORDED = "baselineRecorded";

	public static final String ACTION = "action";

	public static final String LOAD_PROFILE = "loadProfile";

	public static final String ALL_CHECKS_PASSED = "allChecksPassed";

	public static final String CHECK_SCORE = "checkScore";

	public static final String ATTEMPTS = "attempts";

	/** scenario-run: review and endorsement. */
	public static final String REVIEW_CLAIMED = "reviewClaimed";

	public static final String REVIEWER_ID = "reviewerId";

	public static final String RUBRIC_SCORE = "rubricScore";

	public static final String REVIEW_PASSED = "reviewPassed";

	public static final String ENDORSE = "endorse";

	public static final String ENDORSEMENT_COMMENT = "endorsementComment";

	/** milestone-project: what the project is, and the milestone at hand. */
	public static final String PROJECT_RUN_ID = "projectRunId";

	public static final String PROJECT_ID = "projectId";

	/** The project's milestone ids in order: the collection the milestone subprocess runs over, one at a time. */
	public static final String MILESTONE_IDS = "milestoneIds";

	public static final String MILESTONE_ID = "milestoneId";

	public static final String MILESTONE_PASSED = "milestonePassed";

	/** Messages the scenario-run process waits for. */
	public static final String MESSAGE_RUN_RESUMED = "RunResumed";

	public static final String MESSAGE_RUN_CANCELLED = "RunCancelled";

	/** The message that cancels a milestone project. */
	public static final String MESSAGE_PROJECT_CANCELLED = "ProjectCancelled";

	/** peer-session: the request, then the session, by its id (also the business key). */
	public static final String SESSION_ID = "sessionId";

	/** peer-session: matching. {@code matchOutcome} is found, none, expired or joined. */
	public static final String MATCH_OUTCOME = "matchOutcome";

	public static final String MATCH_DEADLINE = "matchDeadline";

	public static final String MATCH_RETRY_EVERY = "matchRetryEvery";

	public static final String PARTNER_ID = "partnerId";

	public static final String ACCEPT_BY = "acceptBy";

	public static final String ACCEPTED = "accepted";

	/** peer-session: the slot and the evaluations. */
	public static final String SLOT_START = "slotStart";

	public static final String EVALUATION_DUE = "evaluationDue";

	/** Transient lists that start the multi-instance steps, and each instance's element. */
	public static final String PARTICIPANTS = "participants";

	public static final String PARTICIPANT = "participant";

	public static final String ENDORSERS = "endorsers";

	public static final String ENDORSER = "endorser";

	public static final String SESSION_HELD = "sessionHeld";

	/** Messages the peer-session process waits for. */
	public static final String MESSAGE_SESSION_JOINED = "PeerSessionJoined";

	public static final String MESSAGE_SESSION_CANCELLED = "PeerSessionCancelled";

	private ProcessVariables() {
	}

}
