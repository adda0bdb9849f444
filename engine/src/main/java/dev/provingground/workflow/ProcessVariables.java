package dev.provingground.workflow;

/** Names of process variables, shared by models, delegates and tests. */
public final class ProcessVariables {

	public static final String LEARNER_ID = "learnerId";

	public static final String SKILL = "skill";

	/** Inputs of the {@code sci-tier} decision. */
	public static final String SCI = "sci";

	public static final String CHECKS_PASSED = "checksPassed";

	public static final String RUBRIC_PASSED = "rubricPassed";

	public static final String QUALIFIED_ENDORSERS = "qualifiedEndorsers";

	/** Output of the {@code sci-tier} decision. */
	public static final String TIER = "tier";

	private ProcessVariables() {
	}

}
