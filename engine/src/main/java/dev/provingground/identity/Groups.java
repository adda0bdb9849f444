package dev.provingground.identity;

import java.util.List;

/** The platform's groups, as kept in Camunda's IdentityService, and the Spring Security roles they grant. */
public final class Groups {

	public static final String LEARNERS = "learners";

	public static final String EVALUATORS = "evaluators";

	public static final String ADMINS = "admins";

	public static final List<String> ALL = List.of(LEARNERS, EVALUATORS, ADMINS);

	private Groups() {
	}

	/** {@code learners} grants {@code ROLE_LEARNER}, and so on. */
	public static String roleOf(String group) {
		return group.endsWith("s") ? group.substring(0, group.length() - 1).toUpperCase() : group.toUpperCase();
	}

}
