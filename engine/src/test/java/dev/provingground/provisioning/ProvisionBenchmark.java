package dev.provingground.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.provingground.catalog.Scenario;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench/run provision}: request to ready for the test scenario's stack, as a learner waits for it, on the local
 * provisioner and (with {@code docker} as the third argument) on the Docker provisioner in the same run, turn by turn,
 * so that their ratio is measured under the same load. One warm-up provision each fills the caches (seeded template or
 * image, npm install), as on any platform that ran the scenario before; then each run provisions, is timed, and is
 * torn down.
 */
public final class ProvisionBenchmark {

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		Scenario scenario = ProvisioningFixtures.scenario(args.length > 1 ? args[1] : "item-lookup");
		boolean withDocker = args.length > 2 && args[2].equals("docker");
		Path dir = Files.createTempDirectory("provision-bench-");
		List<StackProvisioner> provisioners = new ArrayList<>(List.of(ProvisioningFixtures.localProvisioner(dir.resolve("stacks"))));
		if (withDocker) {
			provisioners.add(new DockerStackProvisioner(DockerTestHost.docker(),
					ProvisioningFixtures.records(),
					ProvisioningFixtures.settings(Duration.ofMinutes(2)), ProvisioningFixtures.CACHE,
					UUID.randomUUID().toString()));
		}
		List<Double> firstEver = new ArrayList<>();
		List<List<Double>> seconds = new ArrayList<>();
		for (StackProvisioner provisioner : provisioners) {
			firstEver.add(timed(provisioner, scenario, dir));
			seconds.add(new ArrayList<>());
		}
		for (int run = 0; run < runs; run++) {
			for (int which = 0; which < provisioners.size(); which++) {
				seconds.get(which).add(timed(provisioners.get(which), scenario, dir));
			}
		}
		double local = median(seconds.get(0));
		var json = new StringBuilder(String.format(Locale.ROOT,
				"{\"scenario\":\"%s\",\"median_s\":%.3f,\"min_s\":%.3f,\"max_s\":%.3f,\"runs\":%d,\"first_ever_s\":%.3f,\"goal_s\":2",
				scenario.id(), local, min(seconds.get(0)), max(seconds.get(0)), runs, firstEver.get(0)));
		if (withDocker) {
			double docker = median(seconds.get(1));
			json.append(String.format(Locale.ROOT,
					",\"docker_median_s\":%.3f,\"docker_min_s\":%.3f,\"docker_max_s\":%.3f,\"docker_first_ever_s\":%.3f,\"docker_to_local\":%.2f",
					docker, min(seconds.get(1)), max(seconds.get(1)), firstEver.get(1), docker / local));
		}
		System.out.println(json.append('}'));
		System.exit(0);
	}

	private static double timed(StackProvisioner provisioner, Scenario scenario, Path dir) {
		StackRequest request = ProvisioningFixtures.request(scenario, "bench", ProvisioningFixtures.workspace(scenario, dir));
		long started = System.nanoTime();
		Stack stack = provisioner.provision(request);
		double seconds = (System.nanoTime() - started) / 1e9;
		provisioner.tearDown(stack.id());
		return seconds;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
				: (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

}
