package dev.provingground.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.provingground.catalog.Scenario;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The noise guard on real stacks: a fake fix that only latency catches is checked while busy loops run beside the
 * platform, outside every stack, where isolation cannot hold them off. Its failure in that window does not reach the
 * learner: the profile runs again, and only a failure in a clean window counts.
 */
class NoiseGuardIntegrationTest {

	private static final String CHECK = "activity-is-fast";

	private static Path dir;

	private static LoadRunner runner;

	private static StackProvisioner provisioner;

	private static TelemetryService telemetry;

	private static Scenario scenario;

	/** The fake's stack: both tests check the same one. */
	private static Stack stack;

	private final List<Process> burners = new ArrayList<>();

	@BeforeAll
	static void start() throws IOException {
		dir = Files.createTempDirectory("noise-guard-");
		runner = new LoadRunner();
		provisioner = ProvisioningFixtures.localProvisioner(dir.resolve("stacks"));
		telemetry = new TelemetryService(provisioner);
		scenario = ProvisioningFixtures.catalog().find("scenario-02-indexes").orElseThrow();
		stack = fakeFix();
	}

	@AfterAll
	static void stop() {
		provisioner.tearDown(stack.id());
		telemetry.shutdown();
		runner.close();
	}

	@AfterEach
	void stopBurners() {
		burners.forEach(Process::destroyForcibly);
	}

	@Test
	void aFailureInANoisyWindowIsMeasuredAgainAndOnlyTheCleanWindowCounts() throws IOException {
		List<MeasuredConditions> reruns = new CopyOnWriteArrayList<>();
		burn();
		CheckService checks = CheckFixtures.service(provisioner, runner, telemetry);

		CheckReport report = checks.run("ada", stack.id(), latencyOnly(), Map.of(), new CheckListener() {

			@Override
			public void onRerun(String profile, MeasuredConditions conditions) {
				reruns.add(conditions);
				stopBurners(); // the host calms down before the re-run
			}

		});

		// The burners stop at the first re-run; a host that is busy by itself can make that window noisy too, and
		// then the next one counts.
		assertThat(reruns).as("re-runs of the noisy window").hasSizeBetween(1, CheckFixtures.NOISE.maxReruns());
		assertThat(reruns.get(0).clean()).isFalse();
		MeasuredConditions noisy = reruns.get(0);
		assertThat(noisy.cpuTaken() != null && noisy.cpuTaken() > CheckFixtures.NOISE.maxCpuTaken()
				|| noisy.generatorWait() > CheckFixtures.NOISE.maxGeneratorWait())
			.as("CPU taken from the stack or the load generator in the first window: " + noisy).isTrue();
		CheckVerdict verdict = report.verdict(CHECK);
		assertThat(verdict.failed()).as(verdict.message()).isTrue();
		assertThat(verdict.inconclusive()).isFalse();
		assertThat(verdict.conditions().reruns()).isEqualTo(reruns.size());
		assertThat(verdict.conditions().clean()).as("the window the failure comes from").isTrue();
	}

	@Test
	void aFailureThatNoCleanWindowConfirmsIsInconclusiveNotAFailure() throws IOException {
		burn();
		// Without re-runs the rule shows in one window, which keeps the test short.
		CheckService checks = CheckFixtures.service(provisioner, runner, telemetry, new NoiseSettings(
				CheckFixtures.NOISE.maxCpuTaken(), CheckFixtures.NOISE.maxGeneratorWait(), 0, Duration.ZERO, 0.3, CheckFixtures.NOISE.maxSpeedDrift()));

		CheckReport report = checks.run("ada", stack.id(), latencyOnly(), Map.of(), CheckListener.NONE);

		CheckVerdict verdict = report.verdict(CHECK);
		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.inconclusive()).as(verdict.message()).isTrue();
		assertThat(verdict.failed()).isFalse();
		assertThat(verdict.conditions().reruns()).isZero();
		assertThat(verdict.conditions().clean()).isFalse();
		assertThat(verdict.message()).startsWith("Inconclusive: the machine was too busy to measure this fairly");
		assertThat(report.allPassed()).isFalse();
	}

	/** The check that the fake fails on, on latency alone: the other checks' verdicts decide nothing here. */
	private static Scenario latencyOnly() {
		return scenario.withOnlyChecks(List.of(CHECK));
	}

	private static Stack fakeFix() {
		var fake = ValidityVariants.of(scenario).stream()
			.filter(variant -> variant.name().equals("index-on-created-at"))
			.findFirst()
			.orElseThrow();
		assertThat(fake.caughtBy()).containsExactly(CHECK);
		Path workspace = ProvisioningFixtures.workspace(scenario, dir);
		ValidityVariants.apply(scenario, fake, workspace);
		return provisioner.provision(ProvisioningFixtures.request(scenario, "ada", workspace));
	}

	/** Two busy loops per CPU, beside the platform and outside every stack. */
	private void burn() throws IOException {
		for (int loop = 0; loop < 2 * Runtime.getRuntime().availableProcessors(); loop++) {
			// Above the platform's priority, so that the load generator waits too (v1 machines report no PSI per stack).
			burners.add(new ProcessBuilder("nice", "-n", "-5", "sh", "-c", "while :; do :; done").start());
		}
	}

}
