package dev.provingground.workflow;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.provingground.provisioning.StackProvisioningException;
import dev.provingground.review.Calibrations;
import dev.provingground.review.Review;
import dev.provingground.review.Reviews;
import dev.provingground.runs.ScenarioRuns;
import dev.provingground.sci.EndorsementRings;
import dev.provingground.sci.SkillFigures;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
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
 * Every path of scenario-run.bpmn, on the engine alone: the feature services are mocked at the module boundary, the
 * job executor is off, and the tests run each job themselves. The real sci-tier decision and skill-tier-update process
 * run inside. The class fails unless its tests walk at least 90% of the model's flow nodes and sequence flows.
 */
@Deployment(resources = { "processes/scenario-run.bpmn", "processes/skill-tier-update.bpmn", "processes/sci-tier.dmn" })
class ScenarioRunProcessTest {

	private static final FlowCoverage coverage = new FlowCoverage();

	@RegisterExtension
	static ProcessEngineExtension engine = ProcessEngineExtension.builder()
		.useProcessEngine(ProcessTestEngine.onPostgres("scenario-run-test", coverage).buildProcessEngine())
		.build();

	@AfterAll
	static void everyPathIsWalked() {
		coverage.assertWalked("scenario-run", 0.9);
	}

	private final ScenarioRuns runs = mock(ScenarioRuns.class);

	private final SkillStandings standings = mock(SkillStandings.class);

	private final EndorsementRings endorsements = mock(EndorsementRings.class);

	private final Calibrations calibrations = mock(Calibrations.class);

	private final Reviews reviews = mock(Reviews.class);

	private final String runId = UUID.randomUUID().toString();

	@BeforeEach
	void registerDelegates() {
		init(engine.getProcessEngine());
		var runDelegates = new ScenarioRunDelegates();
		Mocks.register(ProcessDelegates.PROVISION_STACK, runDelegates.provisionStack(runs));
		Mocks.register(ProcessDelegates.RUN_BASELINE_LOAD, runDelegates.runBaselineLoad(runs));
		Mocks.register(ProcessDelegates.RUN_LOAD, runDelegates.runLoad(runs));
		Mocks.register(ProcessDelegates.RESTART_STACK, runDelegates.restartStack(runs));
		Mocks.register(ProcessDelegates.RUN_CHECKS, runDelegates.runChecks(runs));
		Mocks.register(ProcessDelegates.GIVE_UP, runDelegates.giveUp(runs));
		Mocks.register(ProcessDelegates.RECORD_EVIDENCE, runDelegates.recordEvidence(runs));
		Mocks.register(ProcessDelegates.TEAR_DOWN_STACK, runDelegates.tearDownStack(runs));
		Mocks.register(ProcessDelegates.PARK_RUN, runDelegates.parkRun(runs));
		Mocks.register(ProcessDelegates.CANCEL_RUN, runDelegates.cancelRun(runs));
		Mocks.register(ProcessDelegates.COMPLETE_RUN, runDelegates.completeRun(runs));
		ProcessTestEngine.registerReviewAndStanding(standings, endorsements, calibrations, reviews);
		when(standings.figuresOf(anyString(), anyString())).thenReturn(new SkillFigures(64.5, true, true, 2, 2, 3, 2, 0));
		when(calibrations.weightOf("eve")).thenReturn(0.8);
		when(reviews.of(anyString())).thenReturn(Optional.of(new Review("any", "ada", "system-design",
				"scenario-01-diagnosing-failures", "eve", "scenario-default", Map.of(), 0.9, true, "", java.time.Instant.now())));
	}

	@AfterEach
	void reset() {
		Mocks.reset();
	}

	@Test
	void passFirstTimeThenPassingReviewAndEndorsement() {
		checksWill(true);
		ProcessInstance run = start();
		provisionAndBaseline(run);

		act(run, "check");
		execute(job());
		assertThat(run).isWaitingAt("Task_Reflect");
		complete(task());
		execute(job());
		assertThat(run).isWaitingAt("Task_ReviewSubmission");

		claimAndReview(run, "eve", 0.9, true);
		assertThat(run).isWaitingAt("Task_Endorse").task().isAssignedTo("eve");
		complete(task(), withVariables(ENDORSE, true, ENDORSEMENT_COMMENT, "Found both causes quickly"));

		assertThat(run).isEnded()
			.hasPassedInOrder("Task_ProvisionStack", "Task_RunBaselineLoad", "Task_WorkOnFix", "Task_RunChecks",
					"Task_Reflect", "Task_RecordEvidence", "Task_TearDownStack", "Task_ReviewSubmission",
					"Task_Endorse", "Task_RecordEndorsement", "Task_RecordActivity", "Task_UpdateSkillTier",
					"Task_CompleteRun", "End_RunCompleted")
			.hasNotPassed("Task_GiveUp", "Task_ParkRun");
		verify(endorsements).endorse("ada", "system-design", "eve", "Found both causes quickly", run.getId());
		verify(standings).recordActivity(argThat(activity -> activity.completed() && activity.rubricScore() == 0.9 && activity.rubricWeight() == 0.8
				&& activity.reviewers().contains("eve") && activity.checkScore() == 1.0));
		verify(standings).recordTier("ada", "system-design", Tier.VERIFIED);
		verify(runs).complete(UUID.fromString(runId));
	}

	@Test
	void failThenLoadAndRestartThenPassWithoutEndorsement() {
		when(runs.runChecks(any())).thenReturn(new ScenarioRuns.CheckOutcome(false, 0.5, 1),
				new ScenarioRuns.CheckOutcome(true, 1.0, 2));
		ProcessInstance run = start();
		provisionAndBaseline(run);

		act(run, "check");
		execute(job());
		assertThat(run).isWaitingAt("Task_WorkOnFix").variables().containsEntry(ATTEMPTS, 1);
		act(run, "load", LOAD_PROFILE, "baseline");
		execute(job());
		verify(runs).runLoad(UUID.fromString(runId), "baseline");
		act(run, "restart");
		execute(job());
		verify(runs).restart(UUID.fromString(runId));
		act(run, "check");
		execute(job());
		assertThat(run).isWaitingAt("Task_Reflect").variables().containsEntry(ATTEMPTS, 2);
		complete(task());
		execute(job());

		claimAndReview(run, "eve", 0.8, true);
		complete(task(), withVariables(ENDORSE, false, ENDORSEMENT_COMMENT, ""));
		assertThat(run).isEnded().hasPassed("Task_RunLoad", "Task_RestartStack").hasNotPassed("Task_RecordEndorsement");
		verify(endorsements, never()).endorse(any(), any(), any(), any(), any());
	}

	@Test
	void giveUpThenFailingReviewSkipsEndorsement() {
		ProcessInstance run = start();
		provisionAndBaseline(run);

		act(run, "giveUp");
		assertThat(run).isWaitingAt("Task_Reflect").hasPassed("Task_GiveUp").hasNotPassed("Task_RunChecks");
		verify(runs).giveUp(UUID.fromString(runId));
		complete(task());
		execute(job());
		claimAndReview(run, "eve", 0.3, false);

		assertThat(run).isEnded().hasNotPassed("Task_Endorse");
		verify(standings).recordActivity(argThat(activity -> !activity.completed() && !activity.checksPassed()
				&& activity.rubricScore() == 0.3));
	}

	@Test
	void anIdleRunIsParkedAndResumingProvisionsAgainWithoutASecondBaseline() {
		ProcessInstance run = start();
		provisionAndBaseline(run);

		execute(job("Event_StackIdle"));
		execute(job());
		assertThat(run).isWaitingAt("Event_RunResumed");
		verify(runs).park(UUID.fromString(runId));

		runtimeService().createMessageCorrelation(MESSAGE_RUN_RESUMED).processInstanceBusinessKey(runId).correlate();
		execute(job());
		assertThat(run).isWaitingAt("Task_WorkOnFix").hasPassed("Task_ParkRun");
		verify(runs, times(2)).provision(UUID.fromString(runId));
		verify(runs, times(1)).runBaseline(UUID.fromString(runId));
	}

	@Test
	void aStackThatCannotBeProvisionedBecomesAnIncidentWithTheReason() {
		doThrow(new StackProvisioningException("database: port 54321 is already in use")).when(runs)
			.provision(any());
		ProcessInstance run = start();

		for (int attempt = 0; attempt < 4 && job(run).getRetries() > 0; attempt++) {
			assertThatThrownBy(() -> managementService().executeJob(job(run).getId()))
				.hasMessageContaining("port 54321 is already in use");
		}
		var incident = runtimeService().createIncidentQuery().processInstanceId(run.getId()).singleResult();
		org.assertj.core.api.Assertions.assertThat(incident.getActivityId()).isEqualTo("Task_ProvisionStack");
		org.assertj.core.api.Assertions.assertThat(incident.getIncidentMessage())
			.isEqualTo("database: port 54321 is already in use");
		verify(runs, times(3)).provision(any());
	}

	@Test
	void anUnclaimedReviewEscalatesAndAClaimedOneDoesNot() {
		ProcessInstance unclaimed = toReview();
		execute(job("Event_ReviewOverdue"));
		assertThat(unclaimed).hasPassed("Task_EscalateReview").isWaitingAt("Task_ReviewSubmission");
		verify(reviews).escalate(argThat(submission -> submission.learnerId().equals("ada")), eq("P2D"));

		ProcessInstance claimed = toReview();
		claim(task(claimed), "eve");
		execute(job("Event_ReviewOverdue", claimed));
		assertThat(claimed).hasPassed("End_ReviewClaimedInTime").hasNotPassed("Task_EscalateReview");
	}

	@Test
	void theLearnerCannotClaimTheirOwnReview() {
		doThrow(new dev.provingground.review.ReviewRejectedException("You cannot review your own work")).when(reviews)
			.requireReviewer(any(), eq("ada"));
		ProcessInstance run = toReview();

		assertThatThrownBy(() -> taskService().claim(task(run).getId(), "ada"))
			.hasMessageContaining("You cannot review your own work");
		assertThat(task(run)).isNotAssigned();
	}

	@Test
	void anEndorsementWindowThatClosesSkipsTheEndorsement() {
		ProcessInstance run = toReview();
		claimAndReview(run, "eve", 0.9, true);

		execute(job("Event_EndorsementWindowClosed"));
		assertThat(run).isEnded().hasNotPassed("Task_RecordEndorsement").hasPassed("Task_RecordActivity");
	}

	@Test
	void cancellingTearsTheStackDown() {
		ProcessInstance run = start();
		provisionAndBaseline(run);

		runtimeService().createMessageCorrelation(MESSAGE_RUN_CANCELLED).processInstanceBusinessKey(runId).correlate();
		assertThat(run).isEnded().hasPassed("Task_CancelRun", "End_RunCancelled");
		verify(runs).cancel(UUID.fromString(runId));
	}

	private ProcessInstance start() {
		return start(runId);
	}

	private ProcessInstance start(String businessKey) {
		return runtimeService().startProcessInstanceByKey("scenario-run", businessKey, Variables.createVariables()
			.putValue(RUN_ID, runId)
			.putValue(LEARNER_ID, "ada")
			.putValue(SKILL, "system-design")
			.putValue(SCENARIO_ID, "scenario-01-diagnosing-failures")
			.putValue(ACTIVITY_ID, "scenario-01-diagnosing-failures")
			.putValue(RUBRIC_ID, "scenario-default")
			.putValue(IDLE_AFTER, "PT30M")
			.putValue(REVIEW_ESCALATE_AFTER, "P2D")
			.putValue(ENDORSEMENT_WINDOW, "P7D")
			.putValue(BASELINE_RECORDED, false)
			.putValue(ALL_CHECKS_PASSED, false)
			.putValue(REVIEW_CLAIMED, false));
	}

	private void provisionAndBaseline(ProcessInstance run) {
		assertThat(run).isWaitingAt("Task_ProvisionStack");
		execute(job());
		execute(job());
		assertThat(run).isWaitingAt("Task_WorkOnFix").task().isAssignedTo("ada");
	}

	/** A run that passed its checks and waits for review. */
	private ProcessInstance toReview() {
		checksWill(true);
		ProcessInstance run = start(runId + "-" + UUID.randomUUID());
		provisionAndBaseline(run);
		act(run, "check");
		execute(job(run));
		complete(task(run));
		execute(job(run));
		assertThat(run).isWaitingAt("Task_ReviewSubmission");
		return run;
	}

	private void claimAndReview(ProcessInstance run, String reviewer, double score, boolean passed) {
		claim(task(run), reviewer);
		complete(task(run), withVariables(REVIEWER_ID, reviewer, RUBRIC_SCORE, score, REVIEW_PASSED, passed));
	}

	private void act(ProcessInstance run, String action, Object... more) {
		Map<String, Object> variables = new java.util.HashMap<>(Map.of(ACTION, action));
		for (int i = 0; i < more.length; i += 2) {
			variables.put((String) more[i], more[i + 1]);
		}
		complete(task(run), variables);
	}

	private void checksWill(boolean pass) {
		when(runs.runChecks(any())).thenReturn(new ScenarioRuns.CheckOutcome(pass, pass ? 1.0 : 0.5, 1));
	}

}
