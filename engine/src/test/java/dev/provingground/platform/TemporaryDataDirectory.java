package dev.provingground.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Integration tests start the real platform: embedded PostgreSQL and OpenSearch, each with its data in a fresh
 * directory, so that tests never touch a developer's {@code ./data}. Demo passwords are fixed here, for tests only.
 * With the {@code parity} profile, PostgreSQL and OpenSearch run in containers instead ({@link ParityContainers}).
 */
public abstract class TemporaryDataDirectory {

	public static final String LEARNER_PASSWORD = "learner-test-password";

	public static final String LEARNER2_PASSWORD = "learner2-test-password";

	public static final String TESTER_PASSWORD = "tester-test-password";

	public static final String EVALUATOR_PASSWORD = "evaluator-test-password";

	public static final String ADMIN_PASSWORD = "admin-test-password";

	public static Path newDataDirectory() {
		try {
			return Files.createTempDirectory("provingground-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		Path dataDir = newDataDirectory();
		registry.add("provingground.data-dir", dataDir::toString);
		// Quartz keeps its job stores' connection providers JVM-wide, by scheduler name: contexts that the test
		// framework keeps alive side by side would otherwise share one database and fire each other's jobs.
		registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName",
				() -> "provingground-" + dataDir.getFileName());
		registry.add("provingground.scenarios.dir", () -> "../scenarios");
		registry.add("provingground.rubrics.dir", () -> "../rubrics");
		registry.add("provingground.projects.dir", () -> "../projects");
		registry.add("provingground.sessions.prompts", () -> "../sessions/prompts.yaml");
		registry.add("provingground.identity.demo-passwords.learner", () -> LEARNER_PASSWORD);
		registry.add("provingground.identity.demo-passwords.learner2", () -> LEARNER2_PASSWORD);
		registry.add("provingground.identity.demo-passwords.tester", () -> TESTER_PASSWORD);
		registry.add("provingground.identity.demo-passwords.evaluator", () -> EVALUATOR_PASSWORD);
		registry.add("provingground.identity.demo-passwords.admin", () -> ADMIN_PASSWORD);
		// The suite's throwaway databases need no crash safety for the last commits: fsync stays on, commits need not
		// wait for the disk (the default, on, is DatabaseSettingsTest's).
		registry.add("provingground.database.synchronous-commit", () -> "false");
		if (ParityContainers.enabled()) {
			ParityContainers.register(registry);
		}
	}

}
