package dev.provingground.workflow;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.provingground.sessions.PeerSessions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.provingground.workflow.ProcessDelegates.*;
import static dev.provingground.workflow.ProcessVariables.*;

/**
 * The peer-session steps. Each reads the session id, calls one {@link PeerSessions} method and, where the model
 * branches or waits on the outcome, writes it back as a variable.
 */
@Configuration(proxyBeanMethods = false)
class PeerSessionDelegates {

	@Bean(FIND_PARTNER)
	JavaDelegate findPartner(PeerSessions sessions) {
		return execution -> {
			var outcome = sessions.findPartner(sessionId(execution));
			execution.setVariable(MATCH_OUTCOME, outcome.kind().name().toLowerCase());
			if (outcome.kind() == PeerSessions.MatchOutcome.Kind.FOUND) {
				execution.setVariable(PARTNER_ID, outcome.partnerId());
				execution.setVariable(SLOT_START, Date.from(outcome.slotStart()));
				execution.setVariable(ACCEPT_BY, Date.from(outcome.acceptBy()));
				execution.setVariable(ACCEPTED, false);
			}
		};
	}

	@Bean(RELEASE_PARTNER)
	JavaDelegate releasePartner(PeerSessions sessions) {
		return execution -> {
			sessions.release(sessionId(execution));
			execution.setVariable(PARTNER_ID, null);
		};
	}

	@Bean(CLOSE_UNMATCHED)
	JavaDelegate closeUnmatched(PeerSessions sessions) {
		return execution -> sessions.closeUnmatched(sessionId(execution));
	}

	/** The partner accepted: the slot is fixed, and the partner's own request, which waits for a partner, is ended. */
	@Bean(SCHEDULE_SESSION)
	JavaDelegate scheduleSession(PeerSessions sessions) {
		return execution -> {
			var schedule = sessions.schedule(sessionId(execution));
			execution.setVariable(SLOT_START, Date.from(schedule.slotStart()));
			execution.setVariable(EVALUATION_DUE, Date.from(schedule.evaluationDue()));
			execution.getProcessEngineServices()
				.getRuntimeService()
				.createMessageCorrelation(MESSAGE_SESSION_JOINED)
				.processInstanceBusinessKey(schedule.partnerRequestId().toString())
				.correlateAll(); // none waits when that request's process is looking for a partner right now
		};
	}

	/** The slot began. The participants start the evaluation step, one task each; the list is not stored. */
	@Bean(OPEN_EVALUATIONS)
	JavaDelegate openEvaluations(PeerSessions sessions) {
		return execution -> transientList(execution, PARTICIPANTS, sessions.openEvaluations(sessionId(execution)));
	}

	/**
	 * Holds on the evaluation task itself, whoever drives it (our API, Tasklist or the engine's REST API): only the
	 * session's two participants can hold it, and it completes only with the evaluation recorded through
	 * {@link PeerSessions#evaluate}.
	 */
	@Bean(EVALUATION_GUARD)
	TaskListener evaluationGuard(PeerSessions sessions) {
		return task -> {
			UUID session = sessionId(task.getExecution());
			if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && task.getAssignee() != null) {
				sessions.requireParticipant(session, task.getAssignee());
			}
			else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())
					&& (task.getAssignee() == null || sessions.evaluationOf(session, task.getAssignee()).isEmpty())) {
				throw new dev.provingground.sessions.SessionConflictException("Submit the evaluation with its rubric "
						+ "scores (POST /api/sessions/" + session + "/evaluation); it cannot be completed without them");
			}
		};
	}

	@Bean(SETTLE_SESSION)
	JavaDelegate settleSession(PeerSessions sessions) {
		return execution -> execution.setVariable(SESSION_HELD, sessions.settle(sessionId(execution)));
	}

	/** Evidence for both; those whose evaluation passed may endorse their partner next. */
	@Bean(RECORD_SESSION_EVIDENCE)
	JavaDelegate recordSessionEvidence(PeerSessions sessions) {
		return execution -> transientList(execution, ENDORSERS, sessions.recordEvidence(sessionId(execution)));
	}

	@Bean(RECORD_SESSION_ENDORSEMENTS)
	JavaDelegate recordSessionEndorsements(PeerSessions sessions) {
		return execution -> sessions.recordEndorsements(sessionId(execution));
	}

	/** An SCI activity for both; the tier update runs next, once per participant. */
	@Bean(RECORD_SESSION_ACTIVITIES)
	JavaDelegate recordSessionActivities(PeerSessions sessions) {
		return execution -> transientList(execution, PARTICIPANTS, sessions.recordActivities(sessionId(execution)));
	}

	@Bean(COMPLETE_SESSION)
	JavaDelegate completeSession(PeerSessions sessions) {
		return execution -> sessions.complete(sessionId(execution));
	}

	@Bean(CANCEL_SESSION)
	JavaDelegate cancelSession(PeerSessions sessions) {
		return execution -> sessions.cancel(sessionId(execution));
	}

	static UUID sessionId(DelegateExecution execution) {
		return UUID.fromString((String) execution.getVariable(SESSION_ID));
	}

	/**
	 * A list for the multi-instance step that follows in the same transaction: transient, so that it is neither
	 * serialised nor kept; each instance keeps its own element as a plain text variable.
	 */
	private static void transientList(DelegateExecution execution, String name, List<String> values) {
		execution.setVariable(name, Variables.objectValue(List.copyOf(values), true).create());
	}

}
