package dev.provingground.identity;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who can sign in.
 *
 * @param demo create the demo users {@code learner}, {@code evaluator} and {@code admin}; on in the default run, off in
 * the {@code prod} profile
 * @param demoPasswords passwords for the demo users by user id; a user without one gets a generated password, kept
 * under the data directory so that it survives a restart
 * @param adminPassword with demo off: the password of the first {@code admin}, created when no admin exists yet
 */
@ConfigurationProperties("provingground.identity")
record IdentitySettings(boolean demo, Map<String, String> demoPasswords, String adminPassword) {

	IdentitySettings {
		demoPasswords = demoPasswords == null ? Map.of() : Map.copyOf(demoPasswords);
	}

}
