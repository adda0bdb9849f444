package dev.provingground;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.provingground.EmbeddedInstallation.alive;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded installation as {@code ./run} starts it, crashed on purpose while a learner's check runs: first
 * {@code kill -9} of the platform's JVM alone, which leaves its PostgreSQL and the learner's stack running, then of
 * every process of the installation at once. Each time the platform starts again on the same data directory by itself,
 * is ready within 30 s, leaves no process of the old instance alive, and the learner's run goes on to its end.
 */
class CrashRecoveryIntegrationTest {

	private static final Duration RESTART_READY = Duration.ofSeconds(30);

	private final EmbeddedInstallation installation = new EmbeddedInstallation(
			TemporaryDataDirectory.newDataDirectory().resolve("platform"));

	@AfterEach
	void stopThePlatform() throws Exception {
		installation.stop();
	}

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void aCrashedInstallationStartsAgainByItselfAndTheLearnersRunGoesOn() throws Exception {
		installation.start(Duration.ofSeconds(150));
		String run = installation.startRun();
		installation.fix(run);
		installation.call("POST", "/api/runs/" + run + "/actions", Map.of("action", "check"), 202);
		installation.awaitRun(run, state -> "check".equals(state.path("busyWith").asText()), Duration.ofSeconds(60));
		Thread.sleep(2_000); // into the check's load
		List<Long> before = installation.processes();
		long postmaster = installation.postmasterPid();
		assertThat(before).as("the embedded PostgreSQL and the stack outlive the JVM").contains(postmaster)
			.anyMatch(installation::isStackProcess);

		installation.node().kill();
		assertThat(alive(postmaster)).as("the orphaned PostgreSQL").isTrue();
		installation.start(RESTART_READY);

		assertThat(before).as("processes of the killed instance still alive after the restart").noneMatch(pid -> alive(pid));
		assertThat(installation.node().logTail(400)).contains("stopping it with a fast shutdown",
				"was left running by this node's previous process", "held when it ended");
		JsonNode checked = installation.awaitRun(run,
				state -> state.get("attempts").asInt() >= 1 && state.get("busyWith").isNull(), Duration.ofSeconds(120));
		assertThat(checked.get("state").asText()).as("the interrupted check ran again and passed: " + checked)
			.isEqualTo("REFLECTING");

		// Now every process of the installation at once, as a power cut or the OOM killer taking the whole group would.
		List<Long> all = new ArrayList<>(installation.processes());
		all.add(installation.node().pid());
		new ProcessBuilder(Stream.concat(Stream.of("kill", "-9"), all.stream().map(String::valueOf)).toList()).inheritIO()
			.start()
			.waitFor();
		installation.node().awaitEnd();
		installation.start(RESTART_READY);
		assertThat(all).as("processes of the instance killed as a whole").noneMatch(pid -> alive(pid));

		int questions = new YAMLMapper()
			.readTree(EmbeddedInstallation.repository("scenarios/" + EmbeddedInstallation.SCENARIO + "/scenario.yaml").toFile())
			.get("reflection")
			.size();
		installation.call("POST", "/api/runs/" + run + "/reflection",
				Map.of("answers", Collections.nCopies(questions, "Every lookup read the whole table.")), -1);
		installation.awaitRun(run, state -> state.get("state").asText().equals("IN_REVIEW"), Duration.ofSeconds(90));
		assertThat(installation.processes()).as("the run's stack was torn down after its reflection")
			.noneMatch(installation::isStackProcess);
	}

}
