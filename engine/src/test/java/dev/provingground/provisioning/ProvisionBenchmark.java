package dev.provingground.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.provingground.catalog.Scenario;

/**
 * {@code bench/run provision}: request to ready for the test scenario's stack, as a learner waits for it. One warm-up
 * provision fills the caches (seeded template, npm install), as on any platform that ran the scenario before; then
 * each run provisions, is timed, and is torn down.
 */
public final class ProvisionBenchmark {

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		Scenario scenario = ProvisioningFixtures.scenario(args.length > 1 ? args[1] : "item-lookup");
		Path dir = Files.createTempDirectory("provision-bench-");
		StackProvisioner provisioner = ProvisioningFixtures.localProvisioner(dir.resolve("stacks"));

		long warmUpStarted = System.nanoTime();
		Stack warmUp = provisioner.provision(ProvisioningFixtures.request(scenario, "bench",
				ProvisioningFixtures.workspace(scenario, dir)));
		double warmUpSeconds = (System.nanoTime() - warmUpStarted) / 1e9;
		provisioner.tearDown(warmUp.id());

		List<Double> seconds = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			StackRequest request = ProvisioningFixtures.request(scenario, "bench", ProvisioningFixtures.workspace(scenario, dir));
			long started = System.nanoTime();
			Stack stack = provisioner.provision(request);
			seconds.add((System.nanoTime() - started) / 1e9);
			provisioner.tearDown(stack.id());
		}
		List<Double> sorted = seconds.stream().sorted().toList();
		double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
				: (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
		System.out.printf(Locale.ROOT,
				"{\"scenario\":\"%s\",\"median_s\":%.3f,\"min_s\":%.3f,\"max_s\":%.3f,\"runs\":%d,\"first_ever_s\":%.3f,\"goal_s\":2}%n",
				scenario.id(), median, sorted.get(0), sorted.get(sorted.size() - 1), runs, warmUpSeconds);
		System.exit(0);
	}

}
