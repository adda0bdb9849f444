package dev.provingground.workflow;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.provingground.catalog.Scenario;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.identity.Groups;
import dev.provingground.runs.RunQueue;
import dev.provingground.runs.RunSettings;
import dev.provingground.runs.ScenarioRun;
import dev.provingground.runs.ScenarioRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static dev.provingground.workflow.ProcessVariables.*;

/**
 * A learner's scenario runs: start one, act in the fix loop, reflect, resume, cancel. Each request checks the run
 * (through {@link ScenarioRuns}) and then moves its scenario-run process on.
 */
@RestController
@Tag(name = "Scenario runs", description = "Start a scenario and work through it")
class ScenarioRunController {

	static final String PROCESS_KEY = "scenario-run";

	static final String TASK_WORK_ON_FIX = "Task_WorkOnFix";

	static final String TASK_REFLECT = "Task_Reflect";

	private final ScenarioRuns runs;

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final RunSettings settings;

	private final RunQueue queue;

	private final StuckSteps stuck;

	private final ScenarioCatalog catalog;

	ScenarioRunController(ScenarioRuns runs, RuntimeService runtime, TaskService tasks, RunSettings settings,
			RunQueue queue, StuckSteps stuck, ScenarioCatalog catalog) {
		this.catalog = catalog;
		this.queue = queue;
		this.stuck = stuck;
		this.runs = runs;
		this.runtime = runtime;
		this.tasks = tasks;
		this.settings = settings;
	}

	record StartRun(String scenarioId) {
	}

	/** What the learner asks for in the fix loop: {@code load} (with a profile), {@code restart}, {@code check}, {@code giveUp}. */
	record Action(String action, String profile) {
	}

	record Reflection(List<String> answers) {
	}

	@PostMapping("/api/runs")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Start a scenario: a workspace from the starter, a stack, and the baseline load run")
	ScenarioRun start(Authentication user, @RequestBody StartRun request) {
		if (request == null || request.scenarioId() == null || request.scenarioId().isBlank()) {
			throw new IllegalArgumentException("Name the scenario to start, as {\"scenarioId\": \"...\"}");
		}
		Scenario scenario = catalog.get(request.scenarioId());
		Groups.requireMayStart(user, scenario.title(), scenario.forTests());
		ScenarioRun run = runs.create(user.getName(), request.scenarioId());
		var instance = runtime.startProcessInstanceByKey(PROCESS_KEY, run.id().toString(), Variables.createVariables()
			.putValue(RUN_ID, run.id().toString())
			.putValue(LEARNER_ID, run.learnerId())
			.putValue(SKILL, run.skill())
			.putValue(SCENARIO_ID, run.scenarioId())
			.putValue(ACTIVITY_ID, run.scenarioId())
			.putValue(ACTIVITY_CONCEPTS, List.copyOf(scenario.concepts()))
			.putValue(RUBRIC_ID, scenario.rubric())
			.putValue(IDLE_AFTER, settings.idleAfter().toString())
			.putValue(REVIEW_ESCALATE_AFTER, settings.reviewEscalateAfter().toString())
			.putValue(ENDORSEMENT_WINDOW, settings.endorsementWindow().toString())
			.putValue(BASELINE_RECORDED, false)
			.putValue(ALL_CHECKS_PASSED, false)
			.putValue(REVIEW_CLAIMED, false));
		runs.attachProcess(run.id(), instance.getId());
		return runs.get(run.id());
	}

	@GetMapping("/api/runs")
	@Operation(summary = "The learner's runs, newest first")
	List<ScenarioRun> mine(Authentication user) {
		return runs.ofLearner(user.getName());
	}

	@GetMapping("/api/runs/{runId}")
	@Operation(summary = "One of the learner's runs: state, attempts, the last check report with hints, the last action")
	ScenarioRun one(Authentication user, @PathVariable UUID runId) {
		return runs.ownedBy(runId, user.getName());
	}

	@PostMapping("/api/runs/{runId}/actions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Transactional
	@Operation(summary = "Run load, restart the app from the workspace, run the checks, or give up")
	ScenarioRun act(Authentication user, @PathVariable UUID runId, @RequestBody Action request) {
		String action = request == null ? null : request.action();
		ScenarioRun run = runs.requestAction(runId, user.getName(), action, request == null ? null : request.profile());
		completeLearnerTask(run, TASK_WORK_ON_FIX, Map.of(ACTION, action,
				LOAD_PROFILE, request.profile() == null ? "" : request.profile()));
		return runs.get(runId);
	}

	@PostMapping("/api/runs/{runId}/reflection")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Transactional
	@Operation(summary = "Answer the reflection questions, one answer per question in order; this submits the run")
	ScenarioRun reflect(Authentication user, @PathVariable UUID runId, @RequestBody Reflection request) {
		runs.submitReflection(runId, user.getName(), request == null ? null : request.answers());
		completeLearnerTask(runs.get(runId), TASK_REFLECT, Map.of());
		return runs.get(runId);
	}

	@PostMapping("/api/runs/{runId}/resume")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Transactional
	@Operation(summary = "Resume a parked run: its stack is provisioned again from the workspace")
	ScenarioRun resume(Authentication user, @PathVariable UUID runId) {
		runs.resume(runId, user.getName());
		runtime.createMessageCorrelation(MESSAGE_RUN_RESUMED).processInstanceBusinessKey(runId.toString()).correlate();
		return runs.get(runId);
	}

	/** What the run's process is stuck on; {@code stuck} is false when nothing failed. */
	record ProblemView(boolean stuck, String step, String message, boolean retrying, java.time.Instant nextTryAt) {
	}

	@GetMapping("/api/runs/{runId}/problem")
	@Operation(summary = "The step of the run that failed, why, and whether it is retried by itself or waits for Try again")
	ProblemView problem(Authentication user, @PathVariable UUID runId) {
		return stuck.of(runs.ownedBy(runId, user.getName()).processInstanceId())
			.map(problem -> new ProblemView(true, problem.step(), problem.message(), problem.retrying(),
					problem.nextTryAt()))
			.orElse(new ProblemView(false, null, null, false, null));
	}

	@PostMapping("/api/runs/{runId}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Try the run's failed step again")
	ProblemView retry(Authentication user, @PathVariable UUID runId) {
		String processInstanceId = runs.ownedBy(runId, user.getName()).processInstanceId();
		if (!stuck.retry(processInstanceId)) {
			throw new dev.provingground.runs.InvalidRunRequestException(
					"No step of this run waits to be tried again: it is running, or being retried by itself");
		}
		return problem(user, runId);
	}

	@GetMapping("/api/runs/{runId}/queue")
	@Operation(summary = "Whether the run's load run or checks wait for their turn, how many go first, and about when")
	RunQueue.QueueView queue(Authentication user, @PathVariable UUID runId) {
		return queue.of(runId, user.getName());
	}

	@PostMapping("/api/runs/{runId}/queue/cancel")
	@Operation(summary = "Take the run's waiting load run or checks out of the line")
	RunQueue.QueueView leaveQueue(Authentication user, @PathVariable UUID runId) {
		queue.cancel(runId, user.getName());
		return queue.of(runId, user.getName());
	}

	@PostMapping("/api/runs/{runId}/cancel")
	@Transactional
	@Operation(summary = "Cancel a run that was not submitted yet; its stack is torn down")
	ScenarioRun cancel(Authentication user, @PathVariable UUID runId) {
		runs.requireCancellable(runId, user.getName());
		runtime.createMessageCorrelation(MESSAGE_RUN_CANCELLED).processInstanceBusinessKey(runId.toString()).correlate();
		return runs.get(runId);
	}

	private void completeLearnerTask(ScenarioRun run, String taskKey, Map<String, Object> variables) {
		var task = tasks.createTaskQuery()
			.processInstanceId(run.processInstanceId())
			.taskDefinitionKey(taskKey)
			.taskAssignee(run.learnerId())
			.singleResult();
		if (task == null) {
			throw new dev.provingground.runs.InvalidRunRequestException(
					"The run is not waiting for this now; it is " + run.state().name().toLowerCase());
		}
		tasks.complete(task.getId(), variables);
	}

}
