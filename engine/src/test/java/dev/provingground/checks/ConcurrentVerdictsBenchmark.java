package dev.provingground.checks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.provingground.catalog.Scenario;
import dev.provingground.load.LoadFixtures;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;

/**
 * {@code bench/run concurrent-verdicts}: N learners at once (N = 1, 4, 8, 12 by default) each put a Track 1 scenario's
 * reference solution, one of its alternative fixes or one of its fakes in their workspace, and all press Check at the
 * same moment. Prints, per N, the false passes (a fake passed every check), the false fails (a correct fix failed one in clean conditions), the re-runs and inconclusive verdicts,
 * the queue wait and the turnaround (p50, p95, seconds), as one JSON object on the last line.
 */
public final class ConcurrentVerdictsBenchmark {

	/** A workspace a learner checks, and whether a right verdict passes it. */
	private record Case(Scenario scenario, String name, boolean correct, Consumer<Path> change) {
	}

	/** {@code failed}: a verdict failed that counts (in clean conditions); inconclusive ones do not. */
	private record Outcome(Case learnerCase, boolean allPassed, boolean failed, double queuedSeconds,
			double turnaroundSeconds, int reruns, long inconclusive, String failures) {
	}

	public static void main(String[] args) throws Exception {
		List<Integer> levels = new ArrayList<>();
		for (String level : (args.length > 0 ? args[0] : "1,4,8,12").split(",")) {
			levels.add(Integer.parseInt(level.strip()));
		}
		Path dir = Files.createTempDirectory("concurrent-verdicts-");
		StackProvisioner provisioner = ProvisioningFixtures.localProvisioner(dir.resolve("stacks"));
		TelemetryService telemetry = new TelemetryService(provisioner);
		Map<String, Object> figures = new LinkedHashMap<>();
		ExecutorService learners = Executors.newCachedThreadPool();
		try (LoadRunner runner = new LoadRunner()) {
			// CAPACITY (CPUs) overrides the host's default capacity for measured work, to compare models in one run.
			double capacity = args.length > 1 ? Double.parseDouble(args[1]) : 0;
			CheckService checks = CheckFixtures.service(LoadFixtures.service(provisioner, runner, capacity), provisioner,
					telemetry, CheckFixtures.NOISE);
			List<Case> cases = cases(provisioner, dir);
			int next = 0;
			for (int learnersAtOnce : levels) {
				List<Case> picked = new ArrayList<>();
				for (int i = 0; i < learnersAtOnce; i++) {
					picked.add(cases.get(next++ % cases.size()));
				}
				List<Stack> stacks = new ArrayList<>();
				for (Case learnerCase : picked) {
					Path workspace = ProvisioningFixtures.workspace(learnerCase.scenario(), dir);
					learnerCase.change().accept(workspace);
					stacks.add(provisioner.provision(ProvisioningFixtures.request(learnerCase.scenario(), "bench", workspace)));
				}
				CountDownLatch press = new CountDownLatch(1);
				List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
				for (int i = 0; i < picked.size(); i++) {
					Case learnerCase = picked.get(i);
					Stack stack = stacks.get(i);
					outcomes.add(CompletableFuture.supplyAsync(() -> {
						awaitQuietly(press);
						long started = System.nanoTime();
						CheckReport report = checks.run("bench", stack.id(), learnerCase.scenario(), Map.of(),
								CheckListener.NONE);
						int reruns = report.verdicts().stream().filter(verdict -> verdict.conditions() != null)
							.mapToInt(verdict -> verdict.conditions().reruns()).max().orElse(0);
						return new Outcome(learnerCase, report.allPassed(),
								report.verdicts().stream().anyMatch(CheckVerdict::failed), report.queuedMillis() / 1000.0,
								(System.nanoTime() - started) / 1e9, reruns,
								report.verdicts().stream().filter(CheckVerdict::inconclusive).count(),
								report.verdicts().stream().filter(verdict -> !verdict.passed())
									.map(verdict -> verdict.checkId() + (verdict.conditions() == null ? ""
											: " (" + verdict.conditions().describe() + ", clean " + verdict.conditions().clean() + ")"))
									.collect(Collectors.joining("; ")));
					}, learners));
				}
				press.countDown();
				List<Outcome> done = new ArrayList<>();
				for (var outcome : outcomes) {
					done.add(outcome.join());
				}
				stacks.forEach(stack -> provisioner.tearDown(stack.id()));
				figures.put("n" + learnersAtOnce, summary(done));
			}
		}
		finally {
			learners.shutdownNow();
			telemetry.shutdown();
		}
		System.out.println(BenchmarkJson.of(figures, 1));
		System.exit(0);
	}

	/** Every Track 1 scenario's reference solution, alternative fixes and fakes, interleaved across scenarios. */
	private static List<Case> cases(StackProvisioner provisioner, Path dir) {
		List<List<Case>> byScenario = new ArrayList<>();
		for (Scenario scenario : ProvisioningFixtures.catalog().scenarios()) {
			if (!scenario.id().startsWith("scenario-")) {
				continue;
			}
			// One provision seeds the scenario's template, as any earlier run would have.
			provisioner.tearDown(provisioner.provision(ProvisioningFixtures.request(scenario, "bench",
					ProvisioningFixtures.workspace(scenario, dir))).id());
			List<Case> cases = new ArrayList<>();
			cases.add(new Case(scenario, "solution", true, scenario::applySolutionTo));
			for (var variant : ValidityVariants.of(scenario)) {
				cases.add(new Case(scenario, variant.name(), variant.correct(),
						workspace -> ValidityVariants.apply(scenario, variant, workspace)));
			}
			byScenario.add(cases);
		}
		List<Case> interleaved = new ArrayList<>();
		while (byScenario.stream().anyMatch(cases -> !cases.isEmpty())) {
			for (List<Case> cases : byScenario) {
				if (!cases.isEmpty()) {
					interleaved.add(cases.remove(0));
				}
			}
		}
		return interleaved;
	}

	private static Map<String, Object> summary(List<Outcome> outcomes) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("learners", outcomes.size());
		summary.put("false_passes", outcomes.stream().filter(o -> !o.learnerCase().correct() && o.allPassed()).count());
		summary.put("false_fails", outcomes.stream().filter(o -> o.learnerCase().correct() && o.failed()).count());
		summary.put("false_verdicts", outcomes.stream()
			.filter(o -> o.learnerCase().correct() ? o.failed() : o.allPassed())
			.map(o -> o.learnerCase().scenario().id() + "/" + o.learnerCase().name() + ": " + o.failures())
			.toList());
		// A correct fix that ends inconclusive is no false fail, but it did not pass either: counted apart.
		summary.put("inconclusive_reruns", outcomes.stream().mapToInt(Outcome::reruns).sum());
		summary.put("inconclusive_verdicts", outcomes.stream().mapToLong(Outcome::inconclusive).sum());
		List<Double> queued = outcomes.stream().map(Outcome::queuedSeconds).toList();
		List<Double> turnaround = outcomes.stream().map(Outcome::turnaroundSeconds).toList();
		summary.put("queue_wait_p50_s", percentile(queued, 50));
		summary.put("queue_wait_p95_s", percentile(queued, 95));
		summary.put("turnaround_p50_s", percentile(turnaround, 50));
		summary.put("turnaround_p95_s", percentile(turnaround, 95));
		return summary;
	}

	/** The nearest-rank percentile, rounded to a tenth of a second. */
	private static double percentile(List<Double> values, int percent) {
		List<Double> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return Math.round(sorted.get(Math.max(0, rank - 1)) * 10) / 10.0;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
