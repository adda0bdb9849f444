package dev.provingground.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.provingground.catalog.Scenario;
import dev.provingground.checks.CheckReport;
import dev.provingground.checks.CheckVerdict;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.provisioning.Stack;
import dev.provingground.platform.BenchmarkApplication;
import dev.provingground.runs.RunStacks;
import dev.provingground.runs.ScenarioRun;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
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
 * <p>
 * For scale, the same run also times the smallest useful process on the same engine: start, one user task, end. The
 * ratio between the two says what the scenario-run costs on this machine, whatever else the machine is doing.
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
				public UUID restart(ScenarioRun run, Scenario scenario, Path workspace) {
					return run.stackId();
				}

				@Override
				public CheckReport runChecks(ScenarioRun run, Scenario scenario, Map<String, Integer> failuresSoFar) {
					return new CheckReport(List.of(new CheckVerdict("fast", "Fast", "load", true, List.of(), "ok", null)),
							Map.of(), Map.of(), 0);
				}

				@Override
				public String appLog(ScenarioRun run) {
					return "";
				}

				@Override
				public Optional<Stack> describe(ScenarioRun run) {
					return Optional.empty();
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
			var oneTask = new OneTaskProcess(context.getBean(RepositoryService.class), driver.runtime(), driver.tasks());
			run(driver::completeOneRun, Math.max(50, instances / 10), threads); // warm-up: JIT, caches, connection pool
			run(oneTask::completeOne, Math.max(50, instances / 10), threads);
			double seconds = run(driver::completeOneRun, instances, threads);
			double oneTaskSeconds = run(oneTask::completeOne, instances, threads);
			System.out.println(String.format(Locale.ROOT,
					"{\"benchmark\":\"engine-throughput\",\"instances\":%d,\"threads\":%d,\"seconds\":%.2f,"
							+ "\"instances_per_s\":%.1f,\"goal_per_s\":100,\"one_task_process_per_s\":%.1f,"
							+ "\"scenario_run_to_one_task_ratio\":%.3f}",
					instances, threads, seconds, instances / seconds, instances / oneTaskSeconds,
					oneTaskSeconds / seconds));
		}
	}

	/** Completes {@code instances} process instances on {@code threads} threads and returns the seconds it took. */
	private static double run(Runnable completeOne, int instances, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				while (next.getAndIncrement() < instances) {
					completeOne.run();
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return (System.nanoTime() - start) / 1e9;
	}

	/** The yardstick: start, one user task for the learner, end; deployed by the benchmark, never by the product. */
	private record OneTaskProcess(RuntimeService runtime, TaskService tasks) {

		private static final String KEY = "benchmark-one-task";

		OneTaskProcess(RepositoryService repository, RuntimeService runtime, TaskService tasks) {
			this(runtime, tasks);
			repository.createDeployment()
				.addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY)
					.camundaHistoryTimeToLive(180)
					.startEvent()
					.userTask("Task_Do")
					.camundaAssignee("${learnerId}")
					.endEvent()
					.done())
				.deploy();
		}

		void completeOne() {
			String instance = runtime.startProcessInstanceByKey(KEY, Map.of("learnerId", "learner-" + UUID.randomUUID()))
				.getId();
			tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
		}

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
			return new TestingAuthenticationToken(name, "", "ROLE_LEARNER", "ROLE_EVALUATOR", "ROLE_TESTER");
		}

	}

}
