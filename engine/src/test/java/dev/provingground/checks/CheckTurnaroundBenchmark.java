package dev.provingground.checks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.provingground.catalog.Scenario;
import dev.provingground.load.LoadService;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;

/**
 * {@code bench/run check-turnaround}: for each Track 1 scenario, the time from "check my solution" to the last verdict
 * with the reference solution in place (median of RUNS), and how long its stack took to provision.
 */
public final class CheckTurnaroundBenchmark {

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
		Path dir = Files.createTempDirectory("turnaround-bench-");
		StackProvisioner provisioner = ProvisioningFixtures.localProvisioner(dir.resolve("stacks"));
		TelemetryService telemetry = new TelemetryService(provisioner);
		Map<String, String> figures = new LinkedHashMap<>();
		try (LoadRunner runner = new LoadRunner()) {
			CheckService checks = CheckFixtures.service(provisioner, runner, telemetry);
			for (Scenario scenario : ProvisioningFixtures.catalog().scenarios()) {
				if (!scenario.id().startsWith("scenario-")) {
					continue;
				}
				// A first provision seeds the scenario's template (once per seed version), as any earlier run would have.
				provisioner.tearDown(provisioner.provision(ProvisioningFixtures.request(scenario, "bench",
						ProvisioningFixtures.workspace(scenario, dir))).id());
				Path workspace = ProvisioningFixtures.workspace(scenario, dir);
				scenario.applySolutionTo(workspace);
				long provisionStarted = System.nanoTime();
				Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "bench", workspace));
				double provisionSeconds = (System.nanoTime() - provisionStarted) / 1e9;
				List<Double> seconds = new ArrayList<>();
				boolean allPassed = true;
				for (int run = 0; run < runs; run++) {
					long started = System.nanoTime();
					CheckReport report = checks.run("bench", stack.id(), scenario, Map.of(), CheckListener.NONE);
					seconds.add((System.nanoTime() - started) / 1e9);
					allPassed &= report.allPassed();
				}
				provisioner.tearDown(stack.id());
				String key = "scenario-" + Integer.parseInt(scenario.id().split("-")[1]);
				figures.put(key, String.format(Locale.ROOT, "%.2f", median(seconds)));
				figures.put(key + "_provision_s", String.format(Locale.ROOT, "%.2f", provisionSeconds));
				figures.put(key + "_passed", Boolean.toString(allPassed));
			}
		}
		finally {
			telemetry.shutdown();
		}
		System.out.println(figures.entrySet()
			.stream()
			.map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue())
			.collect(Collectors.joining(", ", "{", ", \"goal_s\": 20}")));
		System.exit(0);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
