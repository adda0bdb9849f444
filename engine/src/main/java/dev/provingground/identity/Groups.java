package dev.provingground.identity;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.server.ResponseStatusException;

/** The platform's groups, as kept in Camunda's IdentityService, and the Spring Security roles they grant. */
public final class Groups {

	public static final String LEARNERS = "learners";

	public static final String EVALUATORS = "evaluators";

	public static final String ADMINS = "admins";

	/** Operators who try the platform's own test packages (a scenario or project marked {@code for_tests}). */
	public static final String TESTERS = "testers";

	public static final List<String> ALL = List.of(LEARNERS, EVALUATORS, ADMINS, TESTERS);

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

	/** Test packages are started by testers and admins only. */
	public static boolean mayStartTestPackages(Authentication user) {
		return isMember(user, TESTERS) || isMember(user, ADMINS);
	}

	/** Test packages are seen by those who may start them and by evaluators, who review testers' runs of them. */
	public static boolean maySeeTestPackages(Authentication user) {
		return mayStartTestPackages(user) || isMember(user, EVALUATORS);
	}

	/**
	 * @throws ResponseStatusException 403 when {@code user} may not start a package marked {@code for_tests}
	 */
	public static void requireMayStart(Authentication user, String title, boolean forTests) {
		if (forTests && !mayStartTestPackages(user)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "'" + title + "' is a package for the platform's "
					+ "own tests: only testers and admins may start it, and it counts towards no SCI");
		}
	}

	/** Evaluators and admins may read every learner's evidence and standing; learners only their own. */
	public static boolean mayReadAnyLearner(Authentication user) {
		return isMember(user, EVALUATORS) || isMember(user, ADMINS);
	}

}
