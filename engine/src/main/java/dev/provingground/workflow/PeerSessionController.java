package dev.provingground.workflow;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.provingground.review.Rubric;
import dev.provingground.sessions.PeerEvaluation;
import dev.provingground.sessions.PeerSession;
import dev.provingground.sessions.PeerSessions;
import dev.provingground.sessions.PromptBank;
import dev.provingground.sessions.SessionConflictException;
import dev.provingground.sessions.SessionSettings;
import dev.provingground.sessions.SessionView;
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
 * A learner's peer sessions: request one, answer a proposal, evaluate the partner, endorse, cancel. Each request is
 * checked by {@link PeerSessions} and then moves the session's peer-session process on. Security lets only learners
 * (and admins) reach /api/sessions/**.
 */
@RestController
@Tag(name = "Peer sessions", description = "Live design sessions between two learners, evaluated by each other")
class PeerSessionController {

	static final String PROCESS_KEY = "peer-session";

	static final String TASK_ACCEPT = "Task_AcceptSession";

	static final String TASK_EVALUATE = "Task_EvaluatePartner";

	static final String TASK_ENDORSE = "Task_EndorsePartner";

	private final PeerSessions sessions;

	private final PromptBank prompts;

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final SessionSettings settings;

	PeerSessionController(PeerSessions sessions, PromptBank prompts, RuntimeService runtime, TaskService tasks,
			SessionSettings settings) {
		this.sessions = sessions;
		this.prompts = prompts;
		this.runtime = runtime;
		this.tasks = tasks;
		this.settings = settings;
	}

	/** The window as ISO 8601 instants, for example {@code 2030-05-01T14:00:00Z}. */
	record SessionRequest(String skill, String windowStart, String windowEnd) {
	}

	/** {@code attended}: whether the partner took part; then {@code points} for every criterion of the rubric. */
	record EvaluationRequest(Boolean attended, Map<String, Integer> points, String comment) {
	}

	record EndorsementRequest(boolean endorse, String comment) {
	}

	record PromptBankState(List<dev.provingground.sessions.Prompt> prompts, List<String> problems, String file) {
	}

	@PostMapping("/api/sessions")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Request a peer session in a skill, with the window in which you are available")
	SessionView request(Authentication user, @RequestBody(required = false) SessionRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("Send the skill and your availability, as {\"skill\": \"system-design\", "
					+ "\"windowStart\": \"2030-05-01T14:00:00Z\", \"windowEnd\": \"2030-05-01T18:00:00Z\"}");
		}
		PeerSession session = sessions.request(user.getName(), request.skill(), request.windowStart(), request.windowEnd());
		var instance = runtime.startProcessInstanceByKey(PROCESS_KEY, session.id().toString(), Variables.createVariables()
			.putValue(SESSION_ID, session.id().toString())
			.putValue(LEARNER_ID, session.requesterId())
			.putValue(SKILL, session.skill())
			.putValue(MATCH_DEADLINE, Date.from(session.matchDeadline()))
			.putValue(MATCH_RETRY_EVERY, settings.matchRetryEvery().toString())
			.putValue(ENDORSEMENT_WINDOW, settings.endorsementWindow().toString())
			.putValue(SESSION_HELD, false));
		sessions.attachProcess(session.id(), instance.getId());
		return sessions.view(session.id(), user.getName());
	}

	@GetMapping("/api/sessions")
	@Operation(summary = "Your requests and sessions, as requester or partner, newest first")
	List<SessionView> mine(Authentication user) {
		return sessions.viewsOf(user.getName());
	}

	@GetMapping("/api/sessions/options")
	@Operation(summary = "What a request may ask for: the skills with prompts, the session length and the window limits")
	PeerSessions.Options options() {
		return sessions.options();
	}

	@GetMapping("/api/sessions/rubric")
	@Operation(summary = "The rubric both participants evaluate each other with")
	Rubric rubric() {
		return sessions.rubric();
	}

	@GetMapping("/api/admin/sessions/prompts")
	@Operation(summary = "The prompt bank (admins): the prompts loaded, and every problem with the entries skipped")
	PromptBankState promptBank() {
		return new PromptBankState(prompts.prompts(), prompts.problems(), prompts.file().toString());
	}

	@GetMapping("/api/sessions/{sessionId}")
	@Operation(summary = "One of your sessions: state, partner, prompt, slot, what it waits for from you")
	SessionView one(Authentication user, @PathVariable UUID sessionId) {
		return sessions.view(sessionId, user.getName());
	}

	@PostMapping("/api/sessions/{sessionId}/accept")
	@Transactional
	@Operation(summary = "Accept a session proposed to you: the slot is then fixed")
	SessionView accept(Authentication user, @PathVariable UUID sessionId) {
		return answer(user, sessionId, true);
	}

	@PostMapping("/api/sessions/{sessionId}/decline")
	@Transactional
	@Operation(summary = "Decline a session proposed to you; the requester is matched with someone else")
	SessionView decline(Authentication user, @PathVariable UUID sessionId) {
		return answer(user, sessionId, false);
	}

	@PostMapping("/api/sessions/{sessionId}/evaluation")
	@Transactional
	@Operation(summary = "Evaluate your partner once the slot began: whether they attended, and points per criterion")
	PeerEvaluation evaluate(Authentication user, @PathVariable UUID sessionId,
			@RequestBody(required = false) EvaluationRequest request) {
		PeerEvaluation evaluation = sessions.evaluate(sessionId, user.getName(), request == null ? null : request.attended(),
				request == null ? null : request.points(), request == null ? null : request.comment());
		completeTask(sessions.get(sessionId), TASK_EVALUATE, user.getName(), Map.of());
		return evaluation;
	}

	@PostMapping("/api/sessions/{sessionId}/endorsement")
	@Transactional
	@Operation(summary = "Endorse your partner for the skill after a held session (with a comment), or decline to")
	SessionView endorse(Authentication user, @PathVariable UUID sessionId,
			@RequestBody(required = false) EndorsementRequest request) {
		sessions.decideEndorsement(sessionId, user.getName(), request != null && request.endorse(),
				request == null ? null : request.comment());
		completeTask(sessions.get(sessionId), TASK_ENDORSE, user.getName(), Map.of());
		return sessions.view(sessionId, user.getName());
	}

	@PostMapping("/api/sessions/{sessionId}/cancel")
	@Transactional
	@Operation(summary = "Cancel your request, or a session that has not started; a scheduled partner is told")
	SessionView cancel(Authentication user, @PathVariable UUID sessionId) {
		sessions.requestCancel(sessionId, user.getName());
		runtime.createMessageCorrelation(MESSAGE_SESSION_CANCELLED)
			.processInstanceBusinessKey(sessionId.toString())
			.correlate();
		return sessions.view(sessionId, user.getName());
	}

	private SessionView answer(Authentication user, UUID sessionId, boolean accepted) {
		PeerSession session = sessions.requireAnswerFrom(sessionId, user.getName());
		completeTask(session, TASK_ACCEPT, user.getName(), Map.of(ACCEPTED, accepted));
		return sessions.view(sessionId, user.getName());
	}

	private void completeTask(PeerSession session, String taskKey, String assignee, Map<String, Object> variables) {
		var task = tasks.createTaskQuery()
			.processInstanceId(session.processInstanceId())
			.taskDefinitionKey(taskKey)
			.taskAssignee(assignee)
			.singleResult();
		if (task == null) {
			throw new SessionConflictException("The session is not waiting for this from you now; it is "
					+ session.state().name().toLowerCase().replace('_', ' '));
		}
		tasks.complete(task.getId(), variables);
	}

}
