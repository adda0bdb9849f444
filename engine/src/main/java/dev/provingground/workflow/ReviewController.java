package dev.provingground.workflow;

import java.util.List;
import java.util.Map;

import dev.provingground.catalog.Scenario;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.evidence.Evidence;
import dev.provingground.evidence.EvidenceSearch;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.evidence.SimilarSubmission;
import dev.provingground.identity.Groups;
import dev.provingground.milestones.Project;
import dev.provingground.milestones.ProjectCatalog;
import dev.provingground.review.Review;
import dev.provingground.review.ReviewRejectedException;
import dev.provingground.review.Reviews;
import dev.provingground.review.Rubric;
import dev.provingground.sci.SkillStandings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static dev.provingground.workflow.ProcessVariables.*;

/**
 * The evaluators' side of a run: the review queue, a submission with its evidence and rubric, the scored review, and
 * the optional endorsement after a passing one. Security lets only evaluators and admins reach /api/review/**.
 */
@RestController
@Tag(name = "Review", description = "Peer review of submissions against their rubric, and endorsements")
class ReviewController {

	static final String TASK_REVIEW = "Task_ReviewSubmission";

	static final String TASK_ENDORSE = "Task_Endorse";

	/** The processes whose submissions are peer reviewed; each has these two tasks. */
	static final String[] REVIEWED_PROCESSES = { ScenarioRunController.PROCESS_KEY, MilestoneProjectController.PROCESS_KEY };

	/** What a review task needs to know about its submission. */
	private static final List<String> SUBMISSION_VARIABLES = List.of(LEARNER_ID, SKILL, ACTIVITY_ID, RUBRIC_ID);

	private final TaskService tasks;

	private final Reviews reviews;

	private final EvidenceStore evidence;

	private final EvidenceSearch search;

	private final ScenarioCatalog scenarios;

	private final ProjectCatalog projects;

	ReviewController(TaskService tasks, Reviews reviews, EvidenceStore evidence, EvidenceSearch search,
			ScenarioCatalog scenarios, ProjectCatalog projects) {
		this.tasks = tasks;
		this.reviews = reviews;
		this.evidence = evidence;
		this.search = search;
		this.scenarios = scenarios;
		this.projects = projects;
	}

	/**
	 * A review task as the queue lists it. {@code assignee} is null while nobody claimed it.
	 *
	 * @param activityId the scenario or project reviewed
	 * @param activityTitle its title, or its id when it is no longer in the catalog
	 */
	record ReviewTask(String taskId, String processInstanceId, String learnerId, String skill, String activityId,
			String activityTitle, String assignee, java.util.Date created) {
	}

	/**
	 * @param reviewGuide the scenario's or project's REVIEW.md (Markdown): what strong, adequate and weak work looks like
	 * @param similar other learners' submissions whose diff or reflection reads much like this one's
	 */
	record Submission(ReviewTask task, Rubric rubric, String reviewGuide, List<Evidence> evidence,
			List<SimilarSubmission> similar) {
	}

	record ScoreSubmission(Map<String, Integer> points, String comment) {
	}

	record EndorsementDecision(boolean endorse, String comment) {
	}

	@GetMapping("/api/review/tasks")
	@Operation(summary = "Open reviews the caller may take: unclaimed or claimed by them, never their own work")
	List<ReviewTask> queue(Authentication user) {
		return tasks.createTaskQuery()
			.processDefinitionKeyIn(REVIEWED_PROCESSES)
			.taskDefinitionKey(TASK_REVIEW)
			.processVariableValueNotEquals(LEARNER_ID, user.getName())
			.or()
			.taskUnassigned()
			.taskAssignee(user.getName())
			.endOr()
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(this::view)
			.toList();
	}

	@GetMapping("/api/review/tasks/{taskId}")
	@Operation(summary = "A submission to review: its evidence and the rubric to score it with")
	Submission submission(Authentication user, @PathVariable String taskId) {
		OpenReview open = openReview(taskId, user);
		String processInstance = open.task().getProcessInstanceId();
		return new Submission(view(open), reviews.rubric(open.text(RUBRIC_ID)),
				reviewGuide(open.text(ACTIVITY_ID)),
				evidence.ofProcessInstance(processInstance), search.similarTo(processInstance));
	}

	@PostMapping("/api/review/tasks/{taskId}/claim")
	@Transactional
	@Operation(summary = "Claim a review; the learner who did the work never can")
	ReviewTask claim(Authentication user, @PathVariable String taskId) {
		OpenReview open = openReview(taskId, user);
		Task task = open.task();
		if (task.getAssignee() != null && !task.getAssignee().equals(user.getName())) {
			throw new ReviewRejectedException("This review was already claimed by " + task.getAssignee());
		}
		reviews.requireReviewer(open.submission(), user.getName()); // a clear answer before the task's own guard
		tasks.claim(taskId, user.getName());
		return view(tasks.createTaskQuery().taskId(taskId).singleResult());
	}

	@PostMapping("/api/review/tasks/{taskId}/unclaim")
	@Transactional
	@Operation(summary = "Give a claimed review back to the queue; only its reviewer or an admin can")
	ReviewTask unclaim(Authentication user, @PathVariable String taskId) {
		Task task = openReview(taskId, user).task();
		if (task.getAssignee() == null) {
			throw new ReviewRejectedException("This review is not claimed; there is nothing to give back");
		}
		if (!task.getAssignee().equals(user.getName()) && !Groups.isMember(user, Groups.ADMINS)) {
			throw new ReviewRejectedException("This review is claimed by " + task.getAssignee()
					+ "; only they or an admin can give it back");
		}
		tasks.setAssignee(taskId, null); // the guard marks it unclaimed again: left unclaimed, it still escalates
		return view(tasks.createTaskQuery().taskId(taskId).singleResult());
	}

	@PostMapping("/api/review/tasks/{taskId}")
	@Transactional
	@Operation(summary = "Submit the review: points for every criterion of the rubric, and a comment")
	Review submit(Authentication user, @PathVariable String taskId, @RequestBody ScoreSubmission request) {
		OpenReview open = openReview(taskId, user);
		Task task = open.task();
		reviews.requireReviewer(open.submission(), user.getName());
		if (task.getAssignee() == null) {
			tasks.claim(taskId, user.getName());
		}
		else if (!task.getAssignee().equals(user.getName())) {
			throw new ReviewRejectedException("This review is claimed by " + task.getAssignee());
		}
		Review review = reviews.submit(open.submission(), user.getName(), request == null ? null : request.points(),
				request == null ? null : request.comment());
		tasks.complete(taskId, Map.of(REVIEWER_ID, user.getName(), RUBRIC_SCORE, review.score(), REVIEW_PASSED,
				review.passed()));
		return review;
	}

	@GetMapping("/api/review/endorsements")
	@Operation(summary = "Passing reviews the caller may endorse the learner for")
	List<ReviewTask> endorsements(Authentication user) {
		return tasks.createTaskQuery()
			.processDefinitionKeyIn(REVIEWED_PROCESSES)
			.taskDefinitionKey(TASK_ENDORSE)
			.taskAssignee(user.getName())
			.list()
			.stream()
			.map(this::view)
			.toList();
	}

	@PostMapping("/api/review/endorsements/{taskId}")
	@Transactional
	@Operation(summary = "Endorse the learner for the skill (with a comment), or decline")
	void endorse(Authentication user, @PathVariable String taskId, @RequestBody EndorsementDecision request) {
		Task task = tasks.createTaskQuery().taskId(taskId).taskDefinitionKey(TASK_ENDORSE).taskAssignee(user.getName())
			.singleResult();
		if (task == null) {
			throw new ReviewRejectedException("There is no endorsement " + taskId + " waiting for you");
		}
		boolean endorse = request != null && request.endorse();
		String comment = request == null || request.comment() == null ? "" : request.comment().strip();
		if (endorse && comment.isEmpty()) {
			throw new IllegalArgumentException("An endorsement needs a comment that says what you saw");
		}
		if (comment.length() > SkillStandings.MAX_COMMENT) {
			throw new IllegalArgumentException("The comment is " + comment.length() + " characters; the limit is "
					+ SkillStandings.MAX_COMMENT);
		}
		tasks.complete(taskId, Map.of(ENDORSE, endorse, ENDORSEMENT_COMMENT, comment));
	}

	/** A review task with the submission's variables, read once: every variable read loads them all. */
	private record OpenReview(Task task, Map<String, Object> variables) {

		String text(String name) {
			return (String) variables.get(name);
		}

		Reviews.Submission submission() {
			return new Reviews.Submission(task.getProcessInstanceId(), text(LEARNER_ID), text(SKILL), text(ACTIVITY_ID),
					text(RUBRIC_ID));
		}

	}

	private OpenReview openReview(String taskId, Authentication user) {
		Task task = tasks.createTaskQuery().taskId(taskId).taskDefinitionKey(TASK_REVIEW).singleResult();
		if (task == null) {
			throw new ReviewRejectedException("There is no open review " + taskId + "; it may have been submitted already");
		}
		var open = new OpenReview(task, tasks.getVariables(taskId, SUBMISSION_VARIABLES));
		if (user.getName().equals(open.text(LEARNER_ID))) {
			throw new ReviewRejectedException("You cannot review your own work");
		}
		return open;
	}

	private ReviewTask view(Task task) {
		return view(new OpenReview(task, tasks.getVariables(task.getId(), SUBMISSION_VARIABLES)));
	}

	private ReviewTask view(OpenReview open) {
		Task task = open.task();
		String activity = open.text(ACTIVITY_ID);
		return new ReviewTask(task.getId(), task.getProcessInstanceId(), open.text(LEARNER_ID), open.text(SKILL),
				activity, activityTitle(activity), task.getAssignee(), task.getCreateTime());
	}

	private String activityTitle(String activityId) {
		return scenarios.find(activityId).map(Scenario::title)
			.or(() -> projects.find(activityId).map(Project::title))
			.orElse(activityId);
	}

	private String reviewGuide(String activityId) {
		return scenarios.find(activityId).map(Scenario::reviewGuide)
			.or(() -> projects.find(activityId).map(Project::reviewGuide))
			.orElse("");
	}

}
