package dev.provingground.workflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.provingground.sci.SkillFigures;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import dev.provingground.sessions.PeerEvaluation;
import dev.provingground.sessions.PeerSessions;
import dev.provingground.sessions.PeerSessions.MatchOutcome;
import dev.provingground.sessions.SessionConflictException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Every path of peer-session.bpmn, on the engine alone: the feature service is mocked at the module boundary, the job
 * executor is off, and the tests run each job themselves. The real sci-tier decision and skill-tier-update process run
 * inside, once per participant. The class fails unless its tests walk at least 90% of the model's flow nodes and
 * sequence flows.
 */
@Deployment(resources = { "processes/peer-session.bpmn", "processes/skill-tier-update.bpmn", "processes/sci-tier.dmn" })
class PeerSessionProcessTest {

	private static final FlowCoverage coverage = new FlowCoverage();

	@RegisterExtension
	static ProcessEngineExtension engine = ProcessEngineExtension.builder()
		.useProcessEngine(ProcessTestEngine.onPostgres("peer-session-test", coverage).buildProcessEngine())
		.build();

	@AfterAll
	static void everyPathIsWalked() {
		coverage.assertWalked("peer-session", 0.9);
	}

	private final PeerSessions sessions = mock(PeerSessions.class);

	private final SkillStandings standings = mock(SkillStandings.class);

	private final UUID sessionId = UUID.randomUUID();

	private final Instant slotStart = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

	@BeforeEach
	void registerDelegates() {
		init(engine.getProcessEngine());
		var delegates = new PeerSessionDelegates();
		Mocks.register(ProcessDelegates.FIND_PARTNER, delegates.findPartner(sessions));
		Mocks.register(ProcessDelegates.RELEASE_PARTNER, delegates.releasePartner(sessions));
		Mocks.register(ProcessDelegates.CLOSE_UNMATCHED, delegates.closeUnmatched(sessions));
		Mocks.register(ProcessDelegates.SCHEDULE_SESSION, delegates.scheduleSession(sessions));
		Mocks.register(ProcessDelegates.OPEN_EVALUATIONS, delegates.openEvaluations(sessions));
		Mocks.register(ProcessDelegates.EVALUATION_GUARD, delegates.evaluationGuard(sessions));
		Mocks.register(ProcessDelegates.SETTLE_SESSION, delegates.settleSession(sessions));
		Mocks.register(ProcessDelegates.RECORD_SESSION_EVIDENCE, delegates.recordSessionEvidence(sessions));
		Mocks.register(ProcessDelegates.RECORD_SESSION_ENDORSEMENTS, delegates.recordSessionEndorsements(sessions));
		Mocks.register(ProcessDelegates.RECORD_SESSION_ACTIVITIES, delegates.recordSessionActivities(sessions));
		Mocks.register(ProcessDelegates.COMPLETE_SESSION, delegates.completeSession(sessions));
		Mocks.register(ProcessDelegates.CANCEL_SESSION, delegates.cancelSession(sessions));
		ProcessTestEngine.registerTierUpdate(standings);
		when(standings.figuresOf(anyString(), anyString())).thenReturn(new SkillFigures(67.2, false, true, 2, 2, 2, 2, 0));
		when(sessions.openEvaluations(any())).thenReturn(List.of("ada", "bo"));
		when(sessions.recordActivities(any())).thenReturn(List.of("ada", "bo"));
		when(sessions.schedule(any())).thenReturn(new PeerSessions.Schedule(UUID.randomUUID(), slotStart,
				slotStart.plus(25, ChronoUnit.HOURS)));
		when(sessions.evaluationOf(any(), anyString())).thenReturn(Optional.of(new PeerEvaluation("ada", "bo", true,
				Map.of(), 0.8, true, "", Instant.now(), null, null)));
	}

	@AfterEach
	void reset() {
		Mocks.reset();
	}

	@Test
	void aHeldSessionEndsWithEvidenceEndorsementsAndSciForBoth() {
		// bo's own request waits for a partner; ada's finds bo, and bo's request joins ada's session when bo accepts.
		UUID boRequest = UUID.randomUUID();
		when(sessions.findPartner(boRequest)).thenReturn(MatchOutcome.of(MatchOutcome.Kind.NONE));
		ProcessInstance boWaiting = start(boRequest, "bo");
		execute(job(boWaiting));
		assertThat(boWaiting).isWaitingAt("Gateway_WaitForPartner");
		when(sessions.schedule(sessionId)).thenReturn(new PeerSessions.Schedule(boRequest, slotStart,
				slotStart.plus(25, ChronoUnit.HOURS)));
		partnerWillBe("bo");
		when(sessions.settle(sessionId)).thenReturn(true);
		when(sessions.recordEvidence(sessionId)).thenReturn(List.of("ada", "bo"));

		ProcessInstance session = start();
		execute(job(session));
		assertThat(session).isWaitingAt("Task_AcceptSession").task().isAssignedTo("bo");
		complete(task(session), withVariables(ACCEPTED, true));
		execute(job(session));
		assertThat(boWaiting).isEnded().hasPassed("Event_JoinedAnotherSession", "End_JoinedAnotherSession");
		assertThat(session).isWaitingAt("Event_SlotStarts");
		org.assertj.core.api.Assertions.assertThat(job("Event_SlotStarts", session).getDuedate())
			.isEqualTo(Date.from(slotStart));

		execute(job("Event_SlotStarts", session));
		assertThat(session).isWaitingAt("Task_EvaluatePartner");
		complete(evaluationTask(session, "ada"));
		complete(evaluationTask(session, "bo"));
		execute(job(session));
		assertThat(session).isWaitingAt("Task_EndorsePartner");
		complete(endorsementTask(session, "ada"));
		complete(endorsementTask(session, "bo"));
		execute(job(session));

		assertThat(session).isEnded()
			.hasPassedInOrder("Task_FindPartner", "Task_AcceptSession", "Task_ScheduleSession", "Event_SlotStarts",
					"Task_OpenEvaluations", "Task_EvaluatePartner", "Task_SettleSession", "Task_RecordSessionEvidence",
					"Task_EndorsePartner", "Task_RecordSessionEndorsements", "Task_RecordSessionActivities",
					"Task_UpdateSkillTiers", "Task_CompleteSession", "End_SessionCompleted")
			.hasNotPassed("Task_ReleasePartner", "End_NoShow");
		var order = inOrder(sessions);
		order.verify(sessions).recordEvidence(sessionId);
		order.verify(sessions).recordEndorsements(sessionId);
		order.verify(sessions).recordActivities(sessionId);
		order.verify(sessions).complete(sessionId);
		verify(standings).recordTier("ada", "system-design", Tier.VERIFIED);
		verify(standings).recordTier("bo", "system-design", Tier.VERIFIED);
	}

	@Test
	void aDeclineOrASilentPartnerLeadsToARematchWithoutThem() {
		when(sessions.findPartner(sessionId)).thenReturn(found("bo"), found("cy"), MatchOutcome.of(MatchOutcome.Kind.NONE));
		ProcessInstance session = start();
		execute(job(session));
		assertThat(session).isWaitingAt("Task_AcceptSession").task().isAssignedTo("bo");

		complete(task(session), withVariables(ACCEPTED, false));
		execute(job(session));
		execute(job(session));
		assertThat(session).isWaitingAt("Task_AcceptSession").task().isAssignedTo("cy");
		verify(sessions).release(sessionId);

		execute(job("Event_AcceptTimeout", session));
		execute(job(session));
		execute(job(session));
		assertThat(session).isWaitingAt("Gateway_WaitForPartner").hasPassed("Event_AcceptTimeout")
			.hasNotPassed("Task_ScheduleSession");
		verify(sessions, times(2)).release(sessionId);
		verify(sessions, times(3)).findPartner(sessionId);
	}

	@Test
	void withoutAPartnerBeforeTheDeadlineTheLearnerIsToldAndTheRequestEnds() {
		when(sessions.findPartner(sessionId)).thenReturn(MatchOutcome.of(MatchOutcome.Kind.NONE));
		ProcessInstance session = start();
		execute(job(session));
		assertThat(session).isWaitingAt("Gateway_WaitForPartner");

		execute(job("Event_RetryMatch", session));
		execute(job(session));
		verify(sessions, times(2)).findPartner(sessionId);
		assertThat(session).isWaitingAt("Gateway_WaitForPartner");

		execute(job("Event_MatchDeadline", session));
		assertThat(session).isEnded().hasPassed("Task_CloseUnmatched", "End_NoMatch").hasNotPassed("Task_AcceptSession");
		verify(sessions).closeUnmatched(sessionId);
	}

	@Test
	void aLookThatFindsTheDeadlinePassedOrTheRequestJoinedEndsTheRequest() {
		when(sessions.findPartner(sessionId)).thenReturn(MatchOutcome.of(MatchOutcome.Kind.EXPIRED));
		ProcessInstance expired = start();
		execute(job(expired));
		assertThat(expired).isEnded().hasPassed("Task_CloseUnmatched", "End_NoMatch");

		UUID joinedId = UUID.randomUUID();
		when(sessions.findPartner(joinedId)).thenReturn(MatchOutcome.of(MatchOutcome.Kind.JOINED));
		ProcessInstance joined = start(joinedId, "ada");
		execute(job(joined));
		assertThat(joined).isEnded().hasPassed("End_JoinedAnotherSession").hasNotPassed("Task_CloseUnmatched");
		verify(sessions, never()).closeUnmatched(joinedId);
	}

	@Test
	void aParticipantWhoNeverEvaluatesMakesItANoShowWithoutCredit() {
		partnerWillBe("bo");
		when(sessions.settle(sessionId)).thenReturn(false);
		ProcessInstance session = toEvaluation();
		complete(evaluationTask(session, "ada"));
		assertThat(session).isWaitingAt("Task_EvaluatePartner");

		execute(job("Event_EvaluationDue", session));
		execute(job(session));

		assertThat(session).isEnded().hasPassed("Event_EvaluationDue", "Task_SettleSession", "End_NoShow")
			.hasNotPassed("Task_RecordSessionEvidence", "Task_UpdateSkillTiers");
		verify(sessions).settle(sessionId);
		verify(sessions, never()).recordActivities(any());
		verify(standings, never()).recordTier(any(), any(), any());
	}

	@Test
	void anEvaluationCompletesOnlyWithAStoredEvaluationAndOnlyForAParticipant() {
		partnerWillBe("bo");
		ProcessInstance session = toEvaluation();
		when(sessions.evaluationOf(sessionId, "bo")).thenReturn(Optional.empty());
		doThrow(new SessionConflictException("eve takes no part in peer session")).when(sessions)
			.requireParticipant(sessionId, "eve");

		Task bos = evaluationTask(session, "bo");
		assertThatThrownBy(() -> taskService().complete(bos.getId())).hasMessageContaining("Submit the evaluation");
		assertThatThrownBy(() -> taskService().setAssignee(bos.getId(), "eve")).hasMessageContaining("takes no part");
		assertThat(session).isWaitingAt("Task_EvaluatePartner");
		org.assertj.core.api.Assertions.assertThat(taskService().createTaskQuery().taskId(bos.getId()).singleResult()
			.getAssignee()).isEqualTo("bo");
	}

	@Test
	void theEndorsementWindowClosingStillUpdatesTheSciOfBoth() {
		partnerWillBe("bo");
		when(sessions.settle(sessionId)).thenReturn(true);
		when(sessions.recordEvidence(sessionId)).thenReturn(List.of("ada")); // bo's evaluation of ada did not pass
		ProcessInstance session = toEvaluation();
		complete(evaluationTask(session, "ada"));
		complete(evaluationTask(session, "bo"));
		execute(job(session));
		org.assertj.core.api.Assertions.assertThat(taskService().createTaskQuery()
			.processInstanceId(session.getId()).taskDefinitionKey("Task_EndorsePartner").list())
			.extracting(Task::getAssignee).containsExactly("ada");

		execute(job("Event_EndorsementWindowClosed", session));
		execute(job(session));
		assertThat(session).isEnded().hasPassed("Event_EndorsementWindowClosed", "Task_RecordSessionEndorsements",
				"End_SessionCompleted");
		verify(standings).recordTier("ada", "system-design", Tier.VERIFIED);
		verify(standings).recordTier("bo", "system-design", Tier.VERIFIED);
	}

	@Test
	void cancellingBeforeTheSlotEndsTheSession() {
		partnerWillBe("bo");
		ProcessInstance session = start();
		execute(job(session));
		complete(task(session), withVariables(ACCEPTED, true));
		execute(job(session));
		assertThat(session).isWaitingAt("Event_SlotStarts");

		runtimeService().createMessageCorrelation(MESSAGE_SESSION_CANCELLED)
			.processInstanceBusinessKey(sessionId.toString())
			.correlate();
		assertThat(session).isEnded().hasPassed("Task_CancelSession", "End_SessionCancelled")
			.hasNotPassed("Task_OpenEvaluations");
		verify(sessions).cancel(sessionId);
	}

	@Test
	void aMatchingFailureBecomesAnIncidentWithTheReason() {
		when(sessions.findPartner(sessionId)).thenThrow(new IllegalStateException(
				"The prompt bank has no prompt for system-design at tier 1; see /srv/sessions/prompts.yaml"));
		ProcessInstance session = start();

		for (int attempt = 0; attempt < 4 && job(session).getRetries() > 0; attempt++) {
			assertThatThrownBy(() -> managementService().executeJob(job(session).getId()))
				.hasMessageContaining("has no prompt");
		}
		var incident = runtimeService().createIncidentQuery().processInstanceId(session.getId()).singleResult();
		org.assertj.core.api.Assertions.assertThat(incident.getActivityId()).isEqualTo("Task_FindPartner");
		org.assertj.core.api.Assertions.assertThat(incident.getIncidentMessage())
			.isEqualTo("The prompt bank has no prompt for system-design at tier 1; see /srv/sessions/prompts.yaml");
	}

	private ProcessInstance start() {
		return start(sessionId, "ada");
	}

	private ProcessInstance start(UUID id, String requester) {
		return runtimeService().startProcessInstanceByKey("peer-session", id.toString(), Variables.createVariables()
			.putValue(SESSION_ID, id.toString())
			.putValue(LEARNER_ID, requester)
			.putValue(SKILL, "system-design")
			.putValue(MATCH_DEADLINE, Date.from(Instant.now().plus(2, ChronoUnit.DAYS)))
			.putValue(MATCH_RETRY_EVERY, "PT15M")
			.putValue(ENDORSEMENT_WINDOW, "P7D")
			.putValue(SESSION_HELD, false));
	}

	private void partnerWillBe(String partner) {
		when(sessions.findPartner(sessionId)).thenReturn(found(partner));
	}

	private MatchOutcome found(String partner) {
		return new MatchOutcome(MatchOutcome.Kind.FOUND, partner, slotStart, Instant.now().plus(1, ChronoUnit.DAYS));
	}

	/** A session bo accepted whose slot began. */
	private ProcessInstance toEvaluation() {
		ProcessInstance session = start();
		execute(job(session));
		complete(task(session), withVariables(ACCEPTED, true));
		execute(job(session));
		execute(job("Event_SlotStarts", session));
		assertThat(session).isWaitingAt("Task_EvaluatePartner");
		return session;
	}

	private Task evaluationTask(ProcessInstance session, String assignee) {
		return taskOf(session, "Task_EvaluatePartner", assignee);
	}

	private Task endorsementTask(ProcessInstance session, String assignee) {
		return taskOf(session, "Task_EndorsePartner", assignee);
	}

	private Task taskOf(ProcessInstance session, String key, String assignee) {
		return taskService().createTaskQuery()
			.processInstanceId(session.getId())
			.taskDefinitionKey(key)
			.taskAssignee(assignee)
			.singleResult();
	}

}
