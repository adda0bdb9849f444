package dev.provingground.identity;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

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

	/** The platform groups a signed-in user belongs to, from the roles they were granted. */
	public static List<String> of(Authentication user) {
		var authorities = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		return ALL.stream().filter(group -> authorities.contains("ROLE_" + roleOf(group))).toList();
	}

	public static boolean isMember(Authentication user, String group) {
		return of(user).contains(group);
	}

	/** Evaluators and admins may read every learner's evidence and standing; learners only their own. */
	public static boolean mayReadAnyLearner(Authentication user) {
		return isMember(user, EVALUATORS) || isMember(user, ADMINS);
	}

}
