package dev.provingground.provisioning;

import java.util.regex.Pattern;

/** The services of a stack, named as the stack records, the logs and {@link StackProvisioner#tail} name them. */
final class StackServices {

	static final String DATABASE = "database";

	static final String BALANCER = "balancer";

	/** The balancer's access log, which the learner follows like a service's output. */
	static final String BALANCER_ACCESS = "balancer-access";

	/** The learner's shell: a service of its own, so that it has the stack's limits and dies with it. */
	static final String TERMINAL = "terminal";

	private static final String APP_PREFIX = "app-";

	private static final Pattern NAME = Pattern.compile("^(database|balancer|balancer-access|app-[0-9]{1,2})$");

	private StackServices() {
	}

	static String app(int index) {
		return APP_PREFIX + index;
	}

	static boolean isApp(String service) {
		return service.startsWith(APP_PREFIX);
	}

	/** The replica index of an app service, such as 2 for {@code app-2}. */
	static int appIndex(String service) {
		return Integer.parseInt(service.substring(APP_PREFIX.length()));
	}

	/** Rejects anything but a service name, so that a name never becomes a path or a container outside the stack. */
	static String requireName(String service) {
		if (service == null || !NAME.matcher(service).matches()) {
			throw new IllegalArgumentException("A service is 'database', 'balancer', 'balancer-access' or 'app-N'; got '" + service + "'");
		}
		return service;
	}

}
