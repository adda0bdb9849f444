package dev.provingground.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.provingground.milestones.Milestone;
import dev.provingground.milestones.Project;
import dev.provingground.milestones.ProjectRun;
import dev.provingground.milestones.ProjectRunState;
import dev.provingground.milestones.ProjectRuns;
import dev.provingground.review.Calibrations;
import dev.provingground.review.Review;
import dev.provingground.review.Reviews;
import dev.provingground.sci.EndorsementRings;
import dev.provingground.sci.SkillFigures;
import dev.provingground.sci.SkillStandings;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.provingground.workflow.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.Mockito.*;

/**
 * Every path of milestone-project.bpmn, on the engine alone: the feature services are mocked at the module boundary,
 * the job executor is off, and the tests run each job themselves. The real sci-tier decision and skill-tier-update
 * process run inside. The class fails unless its tests walk at least 90% of the model.
 */
@Deployment(resources = { "processes/milestone-project.bpmn", "processes/skill-tier-update.bpmn",
		"processes/sci-tier.dmn" })
class MilestoneProjectProcessTest {

	private static final FlowCoverage coverage = new FlowCoverage();

	private static final List<String> MILESTONES = List.of("pick-the-hard-problem", "design-for-scale", "record-decisions");

	@RegisterExtension
	static ProcessEngineExtension engine = ProcessEngineExtension.builder()
		.useProcessEngine(ProcessTestEngine.onPostgres("milestone-project-test", coverage).buildProcessEngine())
		.build();

	@AfterAll
	static void everyPathIsWalked() {
		coverage.assertWalked("milestone-project", 0.9);
	}

	private final ProjectRuns projects = mock(ProjectRuns.class);

	private final SkillStandings standings = mock(SkillStandings.class);

	private final EndorsementRings endorsements = mock(EndorsementRings.class);

	private final Calibrations calibrations = mock(Calibrations.class);

	private final Reviews reviews = mock(Reviews.class);

	private final String runId = UUID.randomUUID().toString();

	@BeforeEach
	void registerDelegates() {
		init(engine.getProcessEngine());
		var projectDelegates = new MilestoneProjectDelegates();
		Mocks.register(ProcessDelegates.OPEN_MILESTONE, projectDelegates.openMilestone(projects));
		Mocks.register(ProcessDelegates.CHECK_MILESTONE, projectDelegates.checkMilestone(projects));
		Mocks.register(ProcessDelegates.GIVE_UP_MILESTONE, projectDelegates.giveUpMilestone(projects));
		Mocks.register(ProcessDelegates.RECORD_PROJECT_EVIDENCE, projectDelegates.recordProjectEvidence(projects));
		Mocks.register(ProcessDelegates.CANCEL_PROJECT, projectDelegates.cancelProject(projects));
		Mocks.register(ProcessDelegates.COMPLETE_PROJECT, projectDelegates.completeProject(projects));
		ProcessTestEngine.registerReviewAndStanding(standings, endorsements, calibrations, reviews);
		when(standings.figuresOf(anyString(), anyString())).thenReturn(new SkillFigures(64.5, true, true, 2, 2, 3, 2, 0));
		when(calibrations.weightOf("eve")).thenReturn(0.8);
		when(reviews.of(anyString())).thenReturn(Optional.of(new Review("any", "ada", "system-design",
				"scalable-system", "eve", "design-doc", Map.of(), 0.9, true, "", Instant.now())));
		when(projects.get(any())).thenAnswer(invocation -> runWithMilestones(invocation.getArgument(0)));
		when(projects.projectOf(any())).thenReturn(project());
	}

	@AfterEach
	void reset() {
		Mocks.reset();
	}

	@Test
	void everyMilestoneInOrderThenReviewEndorsementAndTier() {
		checksWill(true);
		ProcessInstance project = start();

		for (String milestone : MILESTONES) {
			assertThat(project).isWaitingAt("Task_WorkOnMilestone").task().isAssignedTo("ada");
			assertThat(project).variables().containsEntry(MILESTONE_IDS, MILESTONES);
			act(project, "check");
			execute(job());
		}
		var order = inOrder(projects);
		for (String milestone : MILESTONES) {
			order.verify(projects).openMilestone(UUID.fromString(runId), milestone);
			order.verify(projects).checkMilestone(UUID.fromString(runId));
		}
		execute(job());
		assertThat(project).isWaitingAt("Task_ReviewSubmission").variables()
			.containsEntry(ALL_CHECKS_PASSED, false)
			.containsEntry(CHECK_SCORE, 0.0);

		claimAndReview(project, "eve", 0.9, true);
		assertThat(project).isWaitingAt("Task_Endorse").task().isAssignedTo("eve");
		complete(task(), withVariables(ENDORSE, true, ENDORSEMENT_COMMENT, "Argued the hotspot with numbers"));

		assertThat(project).isEnded()
			.hasPassedInOrder("Task_OpenMilestone", "Task_WorkOnMilestone", "Task_CheckMilestone",
					"End_MilestonePassed", "Task_RecordProjectEvidence", "Task_ReviewSubmission", "Task_Endorse",
					"Task_RecordEndorsement", "Task_RecordActivity", "Task_UpdateSkillTier", "Task_CompleteProject",
					"End_ProjectCompleted")
			.hasNotPassed("Task_GiveUpMilestone");
		verify(projects).recordEvidence(UUID.fromString(runId));
		verify(endorsements).endorse("ada", "system-design", "eve", "Argued the hotspot with numbers", project.getId());
		verify(standings).recordActivity(argThat(activity -> activity.activity().equals("scalable-system")
				&& activity.rubricScore() == 0.9 && activity.reviewers().contains("eve")));
		verify(projects).complete(UUID.fromString(runId));
	}

	@Test
	void aFailingCheckLoopsBackWithItsHintsThenPasses() {
		when(projects.checkMilestone(any())).thenReturn(new ProjectRuns.MilestoneOutcome(false, 0.5, 1),
				new ProjectRuns.MilestoneOutcome(true, 1.0, 2));
		ProcessInstance project = start();

		act(project, "check");
		execute(job());
		assertThat(project).isWaitingAt("Task_WorkOnMilestone");
		verify(projects, times(1)).openMilestone(UUID.fromString(runId), MILESTONES.get(0));
		act(project, "check");
		execute(job());
		assertThat(project).isWaitingAt("Task_WorkOnMilestone");
		verify(projects).openMilestone(UUID.fromString(runId), MILESTONES.get(1));
	}

	@Test
	void givingUpRevealsTheSolutionAndOpensTheNextMilestoneThenAFailedReviewSkipsTheEndorsement() {
		checksWill(true);
		ProcessInstance project = start();

		act(project, "giveUp");
		verify(projects).giveUpMilestone(UUID.fromString(runId));
		verify(projects).openMilestone(UUID.fromString(runId), MILESTONES.get(1));
		act(project, "check");
		execute(job());
		act(project, "giveUp");
		execute(job());
		assertThat(project).isWaitingAt("Task_ReviewSubmission");

		claimAndReview(project, "eve", 0.3, false);
		assertThat(project).isEnded().hasPassed("Task_GiveUpMilestone", "End_MilestoneGivenUp")
			.hasNotPassed("Task_Endorse");
		verify(standings).recordActivity(argThat(activity -> !activity.rubricPassed() && activity.rubricScore() == 0.3));
	}

	@Test
	void anUnclaimedReviewEscalatesAndAClaimedOneDoesNot() {
		ProcessInstance unclaimed = toReview();
		execute(job("Event_ReviewOverdue", unclaimed));
		assertThat(unclaimed).hasPassed("Task_EscalateReview").isWaitingAt("Task_ReviewSubmission");
		verify(reviews).escalate(argThat(submission -> submission.activityId().equals("scalable-system")), eq("P2D"));

		ProcessInstance claimed = toReview();
		claim(task(claimed), "eve");
		execute(job("Event_ReviewOverdue", claimed));
		assertThat(claimed).hasPassed("End_ReviewClaimedInTime").hasNotPassed("Task_EscalateReview");
	}

	@Test
	void theReviewCannotCompleteWithoutAScoredReview() {
		when(reviews.of(anyString())).thenReturn(Optional.empty());
		ProcessInstance project = toReview();
		claim(task(project), "eve");

		assertThatThrownBy(() -> complete(task(project))).hasMessageContaining("rubric scores");
		assertThat(project).isWaitingAt("Task_ReviewSubmission");
	}

	@Test
	void anEndorsementWindowThatClosesSkipsTheEndorsement() {
		ProcessInstance project = toReview();
		claimAndReview(project, "eve", 0.9, true);

		execute(job("Event_EndorsementWindowClosed", project));
		assertThat(project).isEnded().hasNotPassed("Task_RecordEndorsement").hasPassed("Task_RecordActivity");
	}

	@Test
	void aDeclinedEndorsementRecordsNone() {
		ProcessInstance project = toReview();
		claimAndReview(project, "eve", 0.9, true);

		complete(task(project), withVariables(ENDORSE, false, ENDORSEMENT_COMMENT, ""));
		assertThat(project).isEnded().hasNotPassed("Task_RecordEndorsement").hasPassed("Task_CompleteProject");
		verify(endorsements, never()).endorse(any(), any(), any(), any(), any());
	}

	@Test
	void aCheckThatFailsForThePlatformBecomesAnIncidentWithTheReason() {
		when(projects.checkMilestone(any())).thenThrow(new IllegalStateException("project run has no open milestone"));
		ProcessInstance project = start();
		act(project, "check");

		for (int attempt = 0; attempt < 4 && job(project).getRetries() > 0; attempt++) {
			assertThatThrownBy(() -> managementService().executeJob(job(project).getId()))
				.hasMessageContaining("no open milestone");
		}
		var incident = runtimeService().createIncidentQuery().processInstanceId(project.getId()).singleResult();
		org.assertj.core.api.Assertions.assertThat(incident.getActivityId()).isEqualTo("Task_CheckMilestone");
		org.assertj.core.api.Assertions.assertThat(incident.getIncidentMessage()).contains("no open milestone");
	}

	@Test
	void cancellingEndsTheProject() {
		ProcessInstance project = start();
		runtimeService().createMessageCorrelation(MESSAGE_PROJECT_CANCELLED).processInstanceBusinessKey(runId).correlate();
		assertThat(project).isEnded().hasPassed("Task_CancelProject", "End_ProjectCancelled");
		verify(projects).cancel(UUID.fromString(runId));
	}

	private ProcessInstance start() {
		return start(runId);
	}

	private ProcessInstance start(String id) {
		return runtimeService().startProcessInstanceByKey("milestone-project", id, Variables.createVariables()
			.putValue(PROJECT_RUN_ID, id)
			.putValue(LEARNER_ID, "ada")
			.putValue(SKILL, "system-design")
			.putValue(PROJECT_ID, "scalable-system")
			.putValue(ACTIVITY_ID, "scalable-system")
			.putValue(RUBRIC_ID, "design-doc")
			.putValue(MILESTONE_IDS, MILESTONES)
			.putValue(REVIEW_ESCALATE_AFTER, "P2D")
			.putValue(ENDORSEMENT_WINDOW, "P7D")
			.putValue(ALL_CHECKS_PASSED, false)
			.putValue(REVIEW_CLAIMED, false));
	}

	/** A project whose every milestone passed, waiting for review. */
	private ProcessInstance toReview() {
		checksWill(true);
		ProcessInstance project = start(UUID.randomUUID().toString());
		for (int i = 0; i < MILESTONES.size(); i++) {
			act(project, "check");
			execute(job(project));
		}
		execute(job(project));
		assertThat(project).isWaitingAt("Task_ReviewSubmission");
		return project;
	}

	private void claimAndReview(ProcessInstance project, String reviewer, double score, boolean passed) {
		claim(task(project), reviewer);
		complete(task(project), withVariables(REVIEWER_ID, reviewer, RUBRIC_SCORE, score, REVIEW_PASSED, passed));
	}

	private void act(ProcessInstance project, String action) {
		complete(task(project), Map.of(ACTION, action));
	}

	private void checksWill(boolean pass) {
		when(projects.checkMilestone(any())).thenReturn(new ProjectRuns.MilestoneOutcome(pass, pass ? 1.0 : 0.5, 1));
	}

	/** The mocked service's answer for a run: every milestone opened and none passed, which scores 0. */
	private static ProjectRun runWithMilestones(UUID id) {
		var milestones = MILESTONES.stream()
			.map(milestone -> new ProjectRun.MilestoneProgress(milestone, MILESTONES.indexOf(milestone) + 1, false,
					false, 1, null, Instant.now(), null))
			.toList();
		return new ProjectRun(id, "ada", "scalable-system", "system-design", null, ProjectRunState.WORKING, null, null,
				milestones, Instant.now(), Instant.now(), null);
	}

	private static Project project() {
		var milestones = MILESTONES.stream().map(id -> new Milestone(id, id, "", List.of(), List.of())).toList();
		return new Project("scalable-system", "Scalable system", "", "system-design", "design-doc",
				java.nio.file.Path.of("projects/scalable-system"), "starter", "solution", milestones, false);
	}

}
