package dev.provingground.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.provingground.catalog.Scenario;
import dev.provingground.checks.CheckReport;
import dev.provingground.checks.CheckVerdict;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.platform.BenchmarkApplication;
import dev.provingground.runs.RunStacks;
import dev.provingground.runs.ScenarioRun;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * bench/run engine-throughput: scenario-run instances completed per second through the engine, with the stack work
 * excluded. The platform runs as it ships (PostgreSQL, full history, the real delegates, services, rubric checks,
 * evidence and SCI), except for {@link InstantStacks}: this benchmark's own stacks, which answer at once. Client
 * threads act as learner and evaluator through the same controller methods as the REST API, and run the jobs
 * themselves (job executor off), so that the figure is the engine's work and not the job acquisition's polling.
 */
public final class EngineThroughputBenchmark {

	/**
	 * Stacks that cost nothing: every check passes. A benchmark configuration, never part of the product. Not a
	 * {@code @Configuration}: component scanning would then put it into every test's context.
	 */
	static class InstantStacks {

		@Bean
		@Primary
		RunStacks instantStacks() {
			return new RunStacks() {

				@Override
				public UUID provision(ScenarioRun run, Scenario scenario, Path workspace) {
					return UUID.randomUUID();
				}

				@Override
				public LoadReport runLoad(ScenarioRun run, Scenario scenario, String profile) {
					return new LoadReport(true, null, 100, 0, Map.of(), 50, 1, 2, 3, 4, 5, Duration.ofSeconds(2), List.of());
				}

				@Override
				public void restart(ScenarioRun run, Scenario scenario, Path workspace) {
				}

				@Override
				public CheckReport runChecks(ScenarioRun run, Scenario scenario, Map<String, Integer> failuresSoFar) {
					return new CheckReport(List.of(new CheckVerdict("fast", "Fast", "load", true, List.of(), "ok", null)),
							Map.of(), Map.of());
				}

				@Override
				public String appLog(ScenarioRun run) {
					return "";
				}

				@Override
				public void tearDown(ScenarioRun run) {
				}

			};
		}

	}

	public static void main(String[] args) throws Exception {
		int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		List<String> settings = new ArrayList<>(List.of("--camunda.bpm.job-execution.enabled=false",
				"--provingground.evidence.index-interval=1h"));
		settings.addAll(List.of(args).subList(Math.min(2, args.length), args.length)); // e.g. --camunda.bpm.history-level=audit
		try (var context = BenchmarkApplication.start(List.of(InstantStacks.class), settings.toArray(String[]::new))) {
			var driver = new Driver(context.getBean(ScenarioRunController.class), context.getBean(ReviewController.class),
					context.getBean(TaskService.class), context.getBean(ManagementService.class),
					context.getBean(RuntimeService.class),
					context.getBean(dev.provingground.catalog.ScenarioCatalog.class).get("item-lookup").reflection().size());
			run(driver, Math.max(50, instances / 10), threads); // warm-up: JIT, caches, connection pool
			long start = System.nanoTime();
			run(driver, instances, threads);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.println(String.format(Locale.ROOT,
					"{\"benchmark\":\"engine-throughput\",\"instances\":%d,\"threads\":%d,\"seconds\":%.2f,"
							+ "\"instances_per_s\":%.1f,\"goal_per_s\":100}",
					instances, threads, seconds, instances / seconds));
		}
	}

	private static void run(Driver driver, int instances, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				while (next.getAndIncrement() < instances) {
					driver.completeOneRun();
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
	}

	/** One learner's run from start to SCI, as the learner and an evaluator would drive it. */
	private record Driver(ScenarioRunController runs, ReviewController reviews, TaskService tasks,
			ManagementService jobs, RuntimeService runtime, int questions) {

		void completeOneRun() {
			Authentication learner = user("learner-" + UUID.randomUUID());
			Authentication evaluator = user("evaluator-" + UUID.randomUUID());
			ScenarioRun run = runs.start(learner, new ScenarioRunController.StartRun("item-lookup"));
			String instance = run.processInstanceId();
			executeJobs(instance);
			runs.act(learner, run.id(), new ScenarioRunController.Action("check", null));
			executeJobs(instance);
			runs.reflect(learner, run.id(),
					new ScenarioRunController.Reflection(Collections.nCopies(questions, "An index on sku.")));
			executeJobs(instance);
			String review = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
			reviews.submit(evaluator, review, new ReviewController.ScoreSubmission(
					Map.of("diagnosis", 3, "fix", 3, "understanding", 2), "Clear"));
			String endorsement = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
			reviews.endorse(evaluator, endorsement, new ReviewController.EndorsementDecision(false, ""));
			if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() != 0) {
				throw new IllegalStateException("run " + run.id() + " did not complete");
			}
		}

		/** Runs the instance's due jobs until it waits for a person again. */
		private void executeJobs(String instance) {
			for (var job = nextJob(instance); job != null; job = nextJob(instance)) {
				jobs.executeJob(job.getId());
			}
		}

		private org.camunda.bpm.engine.runtime.Job nextJob(String instance) {
			return jobs.createJobQuery().processInstanceId(instance).executable().messages().listPage(0, 1)
				.stream().findFirst().orElse(null);
		}

		private static Authentication user(String name) {
			return new TestingAuthenticationToken(name, "", "ROLE_LEARNER", "ROLE_EVALUATOR");
		}

	}

}
