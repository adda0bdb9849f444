package dev.provingground.workflow;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.provingground.identity.Groups;
import dev.provingground.milestones.InvalidProjectRequestException;
import dev.provingground.milestones.Milestone;
import dev.provingground.milestones.MilestoneGuide;
import dev.provingground.milestones.Project;
import dev.provingground.milestones.ProjectCatalog;
import dev.provingground.milestones.ProjectRun;
import dev.provingground.milestones.ProjectRuns;
import dev.provingground.platform.WorkspaceFiles;
import dev.provingground.runs.RunSettings;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static dev.provingground.workflow.ProcessVariables.*;

/**
 * A learner's milestone projects: start one, edit the documents, check a milestone or give up on it, cancel. Each
 * request checks the project run (through {@link ProjectRuns}) and then moves its milestone-project process on.
 */
@RestController
@Tag(name = "Milestone projects", description = "Work through a design project, milestone by milestone")
class MilestoneProjectController {

	static final String PROCESS_KEY = "milestone-project";

	static final String TASK_WORK_ON_MILESTONE = "Task_WorkOnMilestone";

	private final ProjectRuns projects;

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final RunSettings settings;

	private final ProjectCatalog catalog;

	MilestoneProjectController(ProjectRuns projects, RuntimeService runtime, TaskService tasks, RunSettings settings,
			ProjectCatalog catalog) {
		this.catalog = catalog;
		this.projects = projects;
		this.runtime = runtime;
		this.tasks = tasks;
		this.settings = settings;
	}

	record StartProject(String projectId) {
	}

	/** {@code check} runs the milestone's document checks; {@code giveUp} reveals its solution and moves on. */
	record Action(String action) {
	}

	record FileContent(String path, String content) {
	}

	record NewContent(String content) {
	}

	/** A project run with the project's milestones, so that the page needs one request. */
	record ProjectRunView(ProjectRun run, String title, List<MilestoneGuide> milestones) {
	}

	@PostMapping("/api/project-runs")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Start a project: a workspace with the starter documents, and its first milestone")
	ProjectRunView start(Authentication user, @RequestBody StartProject request) {
		if (request == null || request.projectId() == null || request.projectId().isBlank()) {
			throw new IllegalArgumentException("Name the project to start, as {\"projectId\": \"...\"}");
		}
		Project project = catalog.get(request.projectId());
		Groups.requireMayStart(user, project.title(), project.forTests());
		ProjectRun run = projects.create(user.getName(), request.projectId());
		var instance = runtime.startProcessInstanceByKey(PROCESS_KEY, run.id().toString(), Variables.createVariables()
			.putValue(PROJECT_RUN_ID, run.id().toString())
			.putValue(LEARNER_ID, run.learnerId())
			.putValue(SKILL, run.skill())
			.putValue(PROJECT_ID, project.id())
			.putValue(ACTIVITY_ID, project.id())
			.putValue(RUBRIC_ID, project.rubric())
			.putValue(MILESTONE_IDS, project.milestones().stream().map(Milestone::id).toList())
			.putValue(REVIEW_ESCALATE_AFTER, settings.reviewEscalateAfter().toString())
			.putValue(ENDORSEMENT_WINDOW, settings.endorsementWindow().toString())
			.putValue(ALL_CHECKS_PASSED, false)
			.putValue(REVIEW_CLAIMED, false));
		projects.attachProcess(run.id(), instance.getId());
		return view(projects.get(run.id()));
	}

	@GetMapping("/api/project-runs")
	@Operation(summary = "The learner's projects, newest first")
	List<ProjectRunView> mine(Authentication user) {
		return projects.ofLearner(user.getName()).stream().map(this::view).toList();
	}

	@GetMapping("/api/project-runs/{runId}")
	@Operation(summary = "One of the learner's projects: the milestone at hand, each milestone's checks and hints")
	ProjectRunView one(Authentication user, @PathVariable UUID runId) {
		return view(projects.ownedBy(runId, user.getName()));
	}

	@PostMapping("/api/project-runs/{runId}/actions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Transactional
	@Operation(summary = "Check the milestone's documents, or give up on the milestone and read its solution")
	ProjectRunView act(Authentication user, @PathVariable UUID runId, @RequestBody Action request) {
		String action = request == null ? null : request.action();
		ProjectRun run = projects.requestAction(runId, user.getName(), action);
		var task = tasks.createTaskQuery()
			.processInstanceId(run.processInstanceId())
			.taskDefinitionKey(TASK_WORK_ON_MILESTONE)
			.taskAssignee(run.learnerId())
			.singleResult();
		if (task == null) {
			throw new InvalidProjectRequestException("The project is not waiting for your work on a milestone now");
		}
		tasks.complete(task.getId(), Map.of(ACTION, action));
		return view(projects.get(runId));
	}

	@PostMapping("/api/project-runs/{runId}/cancel")
	@Transactional
	@Operation(summary = "Cancel a project that was not submitted yet")
	ProjectRunView cancel(Authentication user, @PathVariable UUID runId) {
		projects.requireCancellable(runId, user.getName());
		runtime.createMessageCorrelation(MESSAGE_PROJECT_CANCELLED).processInstanceBusinessKey(runId.toString()).correlate();
		return view(projects.get(runId));
	}

	@GetMapping("/api/project-runs/{runId}/files")
	@Operation(summary = "The documents of the project's workspace, for the editor")
	List<WorkspaceFiles.WorkspaceFile> files(Authentication user, @PathVariable UUID runId) {
		return projects.files(runId, user.getName());
	}

	@GetMapping("/api/project-runs/{runId}/files/content")
	@Operation(summary = "One document's text")
	FileContent read(Authentication user, @PathVariable UUID runId, @RequestParam String path) {
		return new FileContent(path, projects.read(runId, user.getName(), path));
	}

	@PutMapping("/api/project-runs/{runId}/files/content")
	@Operation(summary = "Save a document (created if new) while the project is not submitted")
	FileContent write(Authentication user, @PathVariable UUID runId, @RequestParam String path,
			@RequestBody NewContent request) {
		projects.write(runId, user.getName(), path, request == null ? null : request.content());
		return new FileContent(path, projects.read(runId, user.getName(), path));
	}

	@GetMapping("/api/project-runs/{runId}/solution")
	@Operation(summary = "A milestone's reference documents, once its checks passed or you gave up on it")
	Map<String, String> solution(Authentication user, @PathVariable UUID runId, @RequestParam String milestone) {
		return projects.solution(runId, user.getName(), milestone);
	}

	@GetMapping("/api/project-runs/{runId}/attempts")
	@Operation(summary = "Every check run of the project, milestone by milestone, with its verdicts and hints")
	List<ProjectRuns.Attempt> attempts(Authentication user, @PathVariable UUID runId) {
		return projects.attempts(runId, user.getName());
	}

	private ProjectRunView view(ProjectRun run) {
		Project project = projects.projectOf(run);
		return new ProjectRunView(run, project.title(), MilestoneGuide.of(project));
	}

}
