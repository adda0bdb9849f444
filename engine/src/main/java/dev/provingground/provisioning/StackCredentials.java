package dev.provingground.provisioning;

import java.util.UUID;

import dev.provingground.platform.PlatformSecrets;

/**
 * The passwords of stack databases, derived from one platform secret: every node that shares the data directory
 * computes the same ones, no table holds them, and knowing one stack's password tells nothing about another's.
 */
record StackCredentials(String key) {

	/** The name of the secret, in {@code <data>/secrets}. */
	static final String SECRET = "stack-key";

	/** The superuser's password, which only the platform knows: checks and telemetry connect with it. */
	String superuser(UUID stackId) {
		return PlatformSecrets.derive(key, "superuser:" + stackId);
	}

	/** The app role's password, which the app gets in its {@code DATABASE_URL}. */
	String app(UUID stackId) {
		return PlatformSecrets.derive(key, "app:" + stackId);
	}

	/** The learner's SQL console's role ({@link StackConsoles}): it reads the data and the monitoring views, nothing more. */
	String console(UUID stackId) {
		return PlatformSecrets.derive(key, "console:" + stackId);
	}

	/** The password of seeded templates and images, replaced in each stack when it starts. */
	String template() {
		return PlatformSecrets.derive(key, "template");
	}

}
