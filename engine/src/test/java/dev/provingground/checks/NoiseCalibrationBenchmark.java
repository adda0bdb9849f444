package dev.provingground.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.provingground.catalog.Scenario;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;

/**
 * {@code bench/run noise-calibration}: what a measured window's CPU pressure looks like, to choose the noise guard's
 * threshold (ADR 0019). A correct fix and a fake that only latency catches are checked, each {@code RUNS} times (3 by
 * default), in three conditions: a quiet host; neighbours whose stacks run busy loops (what isolation must hold off);
 * and busy loops outside every stack, beside the platform (what isolation cannot hold off: noise). The guard does not
 * re-run here, so each check is one window. Prints, per condition and case, the verdicts and, per window, the CPU
 * taken from the stack (its {@code full} pressure beyond its throttling), whether the guard calls it clean, the
 * stack's and the host's {@code some} pressure and the throttled share, as one JSON object on the last line.
 */
public final class NoiseCalibrationBenchmark {

	private static final String NEIGHBOUR_APP = """
			const http = require('http');
			const { spawn } = require('child_process');
			http.createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), process.env.HOST);
			for (let i = 0; i < 2; i++) spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
			""";

	private record Case(String name, boolean correct, Consumer<Path> change) {
	}

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
		Path dir = Files.createTempDirectory("noise-calibration-");
		StackProvisioner provisioner = ProvisioningFixtures.localProvisioner(dir.resolve("stacks"));
		TelemetryService telemetry = new TelemetryService(provisioner);
		Scenario scenario = ProvisioningFixtures.catalog().find("scenario-02-indexes").orElseThrow();
		Scenario neighbourScenario = ProvisioningFixtures.catalog().find("item-lookup").orElseThrow();
		var fake = ValidityVariants.of(scenario).stream().filter(variant -> variant.name().equals("index-on-created-at"))
			.findFirst().orElseThrow();
		List<Case> cases = List.of(new Case("solution", true, scenario::applySolutionTo),
				new Case(fake.name(), false, workspace -> ValidityVariants.apply(scenario, fake, workspace)));
		Map<String, Object> figures = new LinkedHashMap<>();
		NoiseSettings oneWindow = new NoiseSettings(CheckFixtures.NOISE.maxCpuTaken(),
				CheckFixtures.NOISE.maxGeneratorWait(), 0, Duration.ZERO,
				CheckFixtures.NOISE.calmHostPressure(), CheckFixtures.NOISE.maxSpeedDrift());
		try (LoadRunner runner = new LoadRunner()) {
			CheckService checks = CheckFixtures.service(provisioner, runner, telemetry, oneWindow);
			for (String condition : List.of("quiet", "busy-neighbours", "busy-host")) {
				List<Stack> neighbours = new ArrayList<>();
				List<Process> burners = new ArrayList<>();
				if (condition.equals("busy-neighbours")) {
					for (int i = 0; i < 3; i++) {
						Path workspace = ProvisioningFixtures.workspace(neighbourScenario, dir);
						Files.writeString(workspace.resolve("server.js"), NEIGHBOUR_APP);
						neighbours.add(provisioner.provision(ProvisioningFixtures.request(neighbourScenario, "neighbour",
								workspace)));
					}
				}
				if (condition.equals("busy-host")) {
					for (int i = 0; i < 2; i++) {
						burners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
					}
				}
				try {
					for (Case learnerCase : cases) {
						Path workspace = ProvisioningFixtures.workspace(scenario, dir);
						learnerCase.change().accept(workspace);
						Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "bench", workspace));
						List<Map<String, Object>> windows = new ArrayList<>();
						for (int run = 0; run < runs; run++) {
							CheckReport report = checks.run("bench", stack.id(), scenario, Map.of(), CheckListener.NONE);
							windows.add(window(report));
						}
						provisioner.tearDown(stack.id());
						figures.put(condition + "/" + learnerCase.name(), summary(learnerCase, windows));
					}
				}
				finally {
					burners.forEach(Process::destroyForcibly);
					neighbours.forEach(neighbour -> provisioner.tearDown(neighbour.id()));
				}
			}
		}
		finally {
			telemetry.shutdown();
			deleteQuietly(dir);
		}
		System.out.println(BenchmarkJson.of(figures, 3));
		System.exit(0);
	}

	/** The load verdicts' window of one check run: whether all passed, and its conditions. */
	private static Map<String, Object> window(CheckReport report) {
		Map<String, Object> window = new LinkedHashMap<>();
		window.put("passed", report.allPassed());
		MeasuredConditions conditions = report.verdicts().stream()
			.map(CheckVerdict::conditions)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no load verdict in " + report));
		report.verdicts().stream().filter(verdict -> verdict.kind().equals("load")).findFirst()
			.flatMap(verdict -> verdict.measurements().stream().filter(m -> m.name().startsWith("p")).findFirst())
			.ifPresent(latency -> window.put("latency_ms", latency.measured()));
		window.put("cpu_taken", conditions.cpuTaken());
		window.put("generator_wait", conditions.generatorWait());
		window.put("clean", conditions.clean());
		window.put("stack_some", conditions.stackPressure());
		window.put("host_some", conditions.hostPressure());
		window.put("throttled", conditions.throttled());
		return window;
	}

	private static Map<String, Object> summary(Case learnerCase, List<Map<String, Object>> windows) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("correct", learnerCase.correct());
		summary.put("wrong_verdicts", windows.stream().filter(w -> (Boolean) w.get("passed") != learnerCase.correct()).count());
		for (String key : List.of("latency_ms", "cpu_taken", "generator_wait", "clean", "stack_some", "host_some", "throttled")) {
			summary.put(key, windows.stream().map(w -> w.get(key)).toList());
		}
		return summary;
	}

	private static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temporary directory
		}
	}

}
