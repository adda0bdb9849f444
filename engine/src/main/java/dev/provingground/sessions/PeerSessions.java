package dev.provingground.sessions;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.notifications.Notifications;
import dev.provingground.review.Rubric;
import dev.provingground.review.RubricCatalog;
import dev.provingground.review.RubricScore;
import dev.provingground.sci.EndorsementRings;
import dev.provingground.sci.FinishedActivity;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import dev.provingground.sessions.PartnerMatcher.Candidate;
import dev.provingground.sessions.PartnerMatcher.Seeker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work of each step of a peer session, called by the peer-session process, and the participants' requests that
 * feed it. Bad input and requests at the wrong moment are refused with the reason and change nothing; a broken
 * platform state is thrown as {@link IllegalStateException}, so that the engine raises an incident with the message.
 */
@Service
public class PeerSessions {

	/** The rubric both participants score each other with ({@code rubrics/peer-session.yaml}). */
	public static final String RUBRIC_ID = "peer-session";

	/** The evidence a held session leaves for each participant: what the partner said about them. */
	public static final String EVIDENCE_KIND = "peer-evaluation";

	public static final int MAX_COMMENT = 5000;

	/** What a session can wait for from a participant. */
	public static final String WAITING_ANSWER = "answer";

	public static final String WAITING_EVALUATION = "evaluate";

	public static final String WAITING_ENDORSEMENT = "endorse";

	/** A window may start this much in the past: the form's clock and ours disagree by a little. */
	private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

	/** The first key of the matching lock; the second is the skill, so that skills match in parallel. */
	private static final int MATCHING_LOCK = 0x5E55105;

	private static final String EXAMPLE = "2030-05-01T14:00:00Z";

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	private final PromptBank prompts;

	private final RubricCatalog rubrics;

	private final SkillStandings standings;

	private final EndorsementRings endorsements;

	private final EvidenceStore evidence;

	private final Notifications notifications;

	private final SessionSettings settings;

	private final ObjectMapper json;

	private final Clock clock;

	private final PartnerMatcher matcher;

	PeerSessions(JdbcClient jdbc, PromptBank prompts, RubricCatalog rubrics, SkillStandings standings,
			EndorsementRings endorsements, EvidenceStore evidence, Notifications notifications, SessionSettings settings,
			ObjectMapper json, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.prompts = prompts;
		this.rubrics = rubrics;
		this.standings = standings;
		this.endorsements = endorsements;
		this.evidence = evidence;
		this.notifications = notifications;
		this.settings = settings;
		this.json = json;
		this.clock = clock.orElse(Clock.systemUTC());
		this.matcher = new PartnerMatcher(settings.length(), settings.minNotice());
	}

	/** What the request form needs: the skills with prompts, and the limits a window must keep. */
	public record Options(List<String> skills, long sessionMinutes, long minNoticeMinutes, long maxAheadDays,
			long matchDeadlineHours) {
	}

	public Options options() {
		return new Options(List.copyOf(prompts.skills()), settings.length().toMinutes(), settings.minNotice().toMinutes(),
				settings.maxAhead().toDays(), settings.matchDeadline().toHours());
	}

	public Rubric rubric() {
		return rubrics.find(RUBRIC_ID)
			.orElseThrow(() -> new IllegalStateException("The rubric '" + RUBRIC_ID
					+ "' is not loaded; the startup log says why"));
	}

	/**
	 * A learner asks for a session in a skill, available from {@code windowStart} to {@code windowEnd} (ISO 8601
	 * instants). It looks for a partner until the deadline: {@code match-deadline} from now, or sooner when the window
	 * would no longer hold a session.
	 * @throws IllegalArgumentException for a skill without prompts or a window that cannot hold a session
	 * @throws SessionConflictException when the learner already has an open request or session in the skill
	 */
	@Transactional
	public PeerSession request(String learnerId, String skill, String windowStart, String windowEnd) {
		Instant now = clock.instant();
		if (skill == null || skill.isBlank()) {
			throw new IllegalArgumentException("Name the skill of the session, as {\"skill\": \"system-design\", ...}");
		}
		if (!prompts.skills().contains(skill)) {
			throw new IllegalArgumentException(prompts.skills().isEmpty()
					? "No peer session can be requested: the prompt bank is empty (" + prompts.problems() + ")"
					: "There are no session prompts for the skill '" + skill + "'; sessions can be requested in "
							+ prompts.skills());
		}
		Instant start = instant("windowStart", windowStart);
		Instant end = instant("windowEnd", windowEnd);
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("windowEnd (" + shown(end) + ") must be after windowStart ("
					+ shown(start) + ")");
		}
		if (start.isBefore(now.minus(CLOCK_SKEW))) {
			throw new IllegalArgumentException("windowStart (" + shown(start) + ") is in the past; offer a window from now on");
		}
		if (end.isAfter(now.plus(settings.maxAhead()))) {
			throw new IllegalArgumentException("windowEnd (" + shown(end) + ") is more than " + settings.maxAhead().toDays()
					+ " days ahead; offer a window that ends by " + shown(now.plus(settings.maxAhead())));
		}
		if (!matcher.fitsASession(start, end, now)) {
			throw new IllegalArgumentException("The window must hold a whole session of " + settings.length().toMinutes()
					+ " minutes, starting at least " + settings.minNotice().toMinutes() + " minutes from now");
		}
		Optional<UUID> open = jdbc.sql("""
				select id from peer_session
				where skill = ? and state in ('MATCHING', 'PROPOSED', 'HELD', 'SCHEDULED', 'EVALUATING', 'ENDORSING')
				  and (requester_id = ? or partner_id = ?)
				limit 1
				""").params(skill, learnerId, learnerId).query(UUID.class).optional();
		if (open.isPresent()) {
			throw new SessionConflictException("You already have an open request or session in " + skill + " ("
					+ open.get() + "); finish or cancel it before you request another");
		}
		Instant lastStart = end.minus(settings.length()).minus(settings.minNotice());
		Instant deadline = earliest(now.plus(settings.matchDeadline()), lastStart.isAfter(now) ? lastStart : now);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into peer_session (id, requester_id, skill, window_start, window_end, match_deadline, state)
				values (?, ?, ?, ?, ?, ?, 'MATCHING')
				""").params(id, learnerId, skill, ts(start), ts(end), ts(deadline)).update();
		return get(id);
	}

	@Transactional
	public void attachProcess(UUID id, String processInstanceId) {
		jdbc.sql("update peer_session set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
	}

	public PeerSession get(UUID id) {
		return find(id).orElseThrow(() -> new SessionNotFoundException(id));
	}

	public Optional<PeerSession> find(UUID id) {
		return jdbc.sql("select * from peer_session where id = ?").param(id).query(PeerSessions::row).optional();
	}

	/** A session the user takes part in, as requester or (proposed) partner; anyone else's is reported as missing. */
	public PeerSession ofParticipant(UUID id, String userId) {
		return find(id).filter(session -> session.participant(userId)).orElseThrow(() -> new SessionNotFoundException(id));
	}

	public SessionView view(UUID id, String userId) {
		return view(ofParticipant(id, userId), userId);
	}

	/** The user's requests and sessions, newest first; a request that joined another's session shows as that session. */
	public List<SessionView> viewsOf(String userId) {
		return jdbc.sql("""
				select * from peer_session where (requester_id = ? or partner_id = ?) and state <> 'JOINED'
				order by created_at desc
				""").params(userId, userId).query(PeerSessions::row).list().stream().map(s -> view(s, userId)).toList();
	}

	/** What happened when a request looked for a partner. */
	public record MatchOutcome(Kind kind, String partnerId, Instant slotStart, Instant acceptBy) {

		public enum Kind {
			/** A partner was found and asked. */
			FOUND,
			/** Nobody fits now; look again later. */
			NONE,
			/** The deadline passed without a partner. */
			EXPIRED,
			/** The requester accepted another learner's proposal instead. */
			JOINED
		}

		public static MatchOutcome of(Kind kind) {
			return new MatchOutcome(kind, null, null, null);
		}

	}

	/**
	 * Looks for a partner among the other open requests in the skill (PartnerMatcher has the rule), and proposes the
	 * session to the best one: their request is held while they answer. Requests of one skill are matched one at a
	 * time, under a database lock, so that two requests never take the same partner.
	 */
	@Transactional
	public MatchOutcome findPartner(UUID id) {
		String skill = get(id).skill();
		jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(MATCHING_LOCK, skill).query((rs, row) -> 1).single();
		PeerSession request = get(id);
		Instant now = clock.instant();
		switch (request.state()) {
			case JOINED:
				return MatchOutcome.of(MatchOutcome.Kind.JOINED);
			case HELD:
				// Someone proposed a session to this requester; wait for their answer, unless time is up.
				return MatchOutcome.of(now.isBefore(request.matchDeadline()) ? MatchOutcome.Kind.NONE : MatchOutcome.Kind.EXPIRED);
			case MATCHING:
				break;
			default:
				throw new IllegalStateException("Peer session " + id + " is " + request.state()
						+ "; only a request that is matching can look for a partner");
		}
		if (!now.isBefore(request.matchDeadline())) {
			return MatchOutcome.of(MatchOutcome.Kind.EXPIRED);
		}
		Standing mine = standingOf(request.requesterId(), skill);
		var seeker = new Seeker(request.requesterId(), mine.tier(), mine.sci(), request.windowStart(), request.windowEnd(),
				Set.copyOf(request.declinedBy()));
		List<Candidate> candidates = jdbc.sql("""
				select * from peer_session
				where skill = ? and state = 'MATCHING' and id <> ? and requester_id <> ? and match_deadline > ?
				order by created_at
				""").params(skill, id, request.requesterId(), ts(now)).query(PeerSessions::row).list().stream().map(other -> {
					Standing theirs = standingOf(other.requesterId(), skill);
					return new Candidate(other.id(), other.requesterId(), theirs.tier(), theirs.sci(), other.windowStart(),
							other.windowEnd(), other.createdAt(), Set.copyOf(other.declinedBy()));
				}).toList();
		var match = matcher.choose(seeker, candidates, lastMatched(request.requesterId()), now);
		if (match.isEmpty()) {
			return MatchOutcome.of(MatchOutcome.Kind.NONE);
		}
		Candidate partner = match.get().partner();
		Prompt prompt = PartnerMatcher
			.choosePrompt(prompts.forSkill(skill), mine.tier(), promptsHadBy(request.requesterId(), partner.learnerId()))
			.orElseThrow(() -> new IllegalStateException("The prompt bank has no prompt for " + skill + " at tier "
					+ mine.tier().level() + "; see " + prompts.file()));
		Instant slotStart = match.get().slotStart();
		Instant acceptBy = earliest(now.plus(settings.acceptWithin()), slotStart);
		jdbc.sql("""
				update peer_session
				set state = 'PROPOSED', partner_id = ?, partner_request_id = ?, prompt_id = ?, slot_start = ?, slot_end = ?,
				    accept_by = ?, updated_at = now()
				where id = ?
				""").params(partner.learnerId(), partner.requestId(), prompt.id(), ts(slotStart), ts(match.get().slotEnd()),
				ts(acceptBy), id).update();
		jdbc.sql("update peer_session set state = 'HELD', updated_at = now() where id = ? and state = 'MATCHING'")
			.param(partner.requestId())
			.update();
		notifications.send(partner.learnerId(), "peer-session-proposed", request.requesterId()
				+ " proposes a peer session in " + skill + ": \"" + prompt.title() + "\" on " + shown(slotStart)
				+ ". Accept or decline by " + shown(acceptBy) + " under Peer sessions.");
		return new MatchOutcome(MatchOutcome.Kind.FOUND, partner.learnerId(), slotStart, acceptBy);
	}

	/** @throws SessionConflictException unless the session waits for this user's answer to its proposal */
	public PeerSession requireAnswerFrom(UUID id, String userId) {
		PeerSession session = ofParticipant(id, userId);
		if (session.state() != SessionState.PROPOSED || !userId.equals(session.partnerId())) {
			throw new SessionConflictException(userId.equals(session.requesterId())
					? "Only your proposed partner can accept or decline this session"
					: "This session is " + label(session.state()) + "; it is not waiting for your answer");
		}
		return session;
	}

	/** When the slot begins, and when the evaluations are due, for the process's timers. */
	public record Schedule(UUID partnerRequestId, Instant slotStart, Instant evaluationDue) {
	}

	/** The partner accepted: the slot is set, and the partner's own request becomes part of this session. */
	@Transactional
	public Schedule schedule(UUID id) {
		PeerSession session = get(id);
		requireState(session, SessionState.PROPOSED, "only a proposed one can be scheduled");
		jdbc.sql("update peer_session set state = 'SCHEDULED', accepted_at = ?, updated_at = now() where id = ?")
			.params(ts(clock.instant()), id)
			.update();
		jdbc.sql("""
				update peer_session set state = 'JOINED', joined_session_id = ?, ended_at = now(), updated_at = now()
				where id = ? and state = 'HELD'
				""").params(id, session.partnerRequestId()).update();
		notifications.send(session.requesterId(), "peer-session-scheduled", session.partnerId()
				+ " accepted your peer session on \"" + promptTitle(session) + "\": it starts " + shown(session.slotStart()) + ".");
		return new Schedule(session.partnerRequestId(), session.slotStart(),
				session.slotEnd().plus(settings.evaluateWithin()));
	}

	/**
	 * The proposed partner declined, or did not answer in time: they are never asked again for this request, and their
	 * own request looks for partners again.
	 */
	@Transactional
	public void release(UUID id) {
		PeerSession session = get(id);
		requireState(session, SessionState.PROPOSED, "only a proposed one can be released");
		jdbc.sql("update peer_session set state = 'MATCHING', updated_at = now() where id = ? and state = 'HELD'")
			.param(session.partnerRequestId())
			.update();
		jdbc.sql("""
				update peer_session
				set state = 'MATCHING', declined_by = array_append(declined_by, partner_id), partner_id = null,
				    partner_request_id = null, prompt_id = null, slot_start = null, slot_end = null, accept_by = null,
				    updated_at = now()
				where id = ?
				""").param(id).update();
		notifications.send(session.requesterId(), "peer-session-declined", session.partnerId()
				+ " did not accept your peer session; we are looking for another partner until "
				+ shown(session.matchDeadline()) + ".");
	}

	/** Nobody matched before the deadline: the request ends and the learner is told. */
	@Transactional
	public void closeUnmatched(UUID id) {
		PeerSession request = get(id);
		int closed = jdbc.sql("""
				update peer_session set state = 'NO_MATCH', ended_at = now(), updated_at = now()
				where id = ? and state in ('MATCHING', 'HELD')
				""").param(id).update();
		if (closed == 1) {
			notifications.send(request.requesterId(), "peer-session-unmatched", "No partner was found for your peer session in "
					+ request.skill() + " (" + shown(request.windowStart()) + " to " + shown(request.windowEnd())
					+ "). Request again, with a wider window if you can.");
		}
	}

	/** The slot began: both participants may evaluate each other now. Returns the participants. */
	@Transactional
	public List<String> openEvaluations(UUID id) {
		PeerSession session = get(id);
		requireState(session, SessionState.SCHEDULED, "only a scheduled one can begin");
		jdbc.sql("update peer_session set state = 'EVALUATING', updated_at = now() where id = ?").param(id).update();
		Instant due = session.slotEnd().plus(settings.evaluateWithin());
		notifications.sendAll(session.participants().stream()
			.map(participant -> new Notifications.Message(participant, "peer-session-started", "Your peer session with "
					+ session.partnerOf(participant) + " on \"" + promptTitle(session) + "\" starts now. Evaluate "
					+ session.partnerOf(participant) + " by " + shown(due) + "; whoever has not by then counts as absent."))
			.toList());
		return session.participants();
	}

	/**
	 * One participant's evaluation of the other: whether they attended, and if so a score for every criterion of the
	 * session rubric, checked by {@link Rubric#score}.
	 * @throws SessionNotFoundException when the user takes no part in the session
	 * @throws SessionConflictException outside the evaluation, or for a second evaluation
	 * @throws dev.provingground.review.InvalidScoreException when the points do not fit the rubric
	 * @throws IllegalArgumentException for a missing attendance flag, points for an absent partner, or a long comment
	 */
	@Transactional
	public PeerEvaluation evaluate(UUID id, String evaluatorId, Boolean attended, Map<String, Integer> points,
			String comment) {
		PeerSession session = ofParticipant(id, evaluatorId);
		if (session.state() != SessionState.EVALUATING) {
			throw new SessionConflictException(session.state() == SessionState.SCHEDULED
					? "The evaluation opens when the session starts, at " + shown(session.slotStart())
					: "This session is " + label(session.state()) + "; it takes no evaluations");
		}
		String evaluated = session.partnerOf(evaluatorId);
		if (evaluationOf(id, evaluatorId).isPresent()) {
			throw new SessionConflictException("You already evaluated " + evaluated + " in this session; an evaluation "
					+ "cannot be submitted twice");
		}
		if (attended == null) {
			throw new IllegalArgumentException("Say whether " + evaluated + " attended, as \"attended\": true or false");
		}
		String text = comment == null ? "" : comment.strip();
		if (text.length() > MAX_COMMENT) {
			throw new IllegalArgumentException("The comment is " + text.length() + " characters; the limit is " + MAX_COMMENT);
		}
		RubricScore score = null;
		if (attended) {
			score = rubric().score(points == null ? Map.of() : points);
		}
		else if (points != null && !points.isEmpty()) {
			throw new IllegalArgumentException(evaluated
					+ " did not attend, so there is nothing to score; leave the points out");
		}
		int inserted = jdbc.sql("""
				insert into peer_evaluation (session_id, evaluator_id, evaluated_id, attended, rubric_id, points, score,
				                             passed, comment)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
				on conflict (session_id, evaluator_id) do nothing
				""").params(id, evaluatorId, evaluated, attended, score == null ? null : score.rubricId(),
				score == null ? null : toJson(score.points()), score == null ? null : score.score(),
				score == null ? null : score.passed(), text).update();
		if (inserted == 0) {
			throw new SessionConflictException("You already evaluated " + evaluated + " in this session; an evaluation "
					+ "cannot be submitted twice");
		}
		return evaluationOf(id, evaluatorId).orElseThrow();
	}

	public Optional<PeerEvaluation> evaluationOf(UUID id, String evaluatorId) {
		return jdbc.sql("select * from peer_evaluation where session_id = ? and evaluator_id = ?")
			.params(id, evaluatorId)
			.query(this::evaluation)
			.optional();
	}

	public List<PeerEvaluation> evaluationsOf(UUID id) {
		return jdbc.sql("select * from peer_evaluation where session_id = ? order by submitted_at")
			.param(id)
			.query(this::evaluation)
			.list();
	}

	/** @throws SessionConflictException when the user is not one of the session's participants */
	public void requireParticipant(UUID id, String userId) {
		if (!get(id).participant(userId)) {
			throw new SessionConflictException(userId + " takes no part in peer session " + id
					+ "; only its two participants evaluate each other");
		}
	}

	/**
	 * Decides whether the session was held, once both evaluated or the time to evaluate ran out. It was held only when
	 * both evaluated each other and each said the other attended. Otherwise it is a no-show: absent is whoever the
	 * partner reported absent, and whoever did not evaluate in time. Nobody gets credit from a no-show.
	 * @return whether the session was held
	 */
	@Transactional
	public boolean settle(UUID id) {
		PeerSession session = get(id);
		requireState(session, SessionState.EVALUATING, "only one being evaluated can be settled");
		Map<String, PeerEvaluation> byEvaluator = new HashMap<>();
		evaluationsOf(id).forEach(evaluation -> byEvaluator.put(evaluation.evaluatorId(), evaluation));
		Map<String, String> absent = new LinkedHashMap<>();
		for (String participant : session.participants()) {
			PeerEvaluation ofThem = byEvaluator.get(session.partnerOf(participant));
			if (!byEvaluator.containsKey(participant)) {
				absent.put(participant, "did not evaluate their partner in time");
			}
			else if (ofThem != null && !ofThem.attended()) {
				absent.put(participant, "was reported absent by " + session.partnerOf(participant));
			}
		}
		if (absent.isEmpty()) {
			jdbc.sql("update peer_session set state = 'ENDORSING', updated_at = now() where id = ?").param(id).update();
			return true;
		}
		jdbc.sql("update peer_session set state = 'NO_SHOW', absent = ?, ended_at = now(), updated_at = now() where id = ?")
			.params(absent.keySet().toArray(String[]::new), id)
			.update();
		String why = String.join("; ", absent.entrySet().stream().map(a -> a.getKey() + " " + a.getValue()).toList());
		notifications.sendAll(session.participants().stream()
			.map(participant -> new Notifications.Message(participant, "peer-session-no-show", "Your peer session on \""
					+ promptTitle(session) + "\" was recorded as a no-show: " + why + ". It gives no credit."))
			.toList());
		return false;
	}

	/**
	 * Records each participant's evidence of a held session: what the partner said about them, with the prompt and
	 * the slot. Returns the participants who may endorse their partner: those whose evaluation passed the rubric.
	 */
	@Transactional
	public List<String> recordEvidence(UUID id) {
		PeerSession session = get(id);
		Prompt prompt = promptOf(session);
		List<String> endorsers = new ArrayList<>();
		for (String participant : session.participants()) {
			PeerEvaluation ofThem = evaluationOf(id, session.partnerOf(participant)).orElseThrow(
					() -> new IllegalStateException("Peer session " + id + " has no evaluation of " + participant));
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("session", id.toString());
			payload.put("prompt",
					Map.of("id", prompt.id(), "title", prompt.title(), "level", prompt.level().name().toLowerCase()));
			payload.put("slot", Map.of("start", session.slotStart().toString(), "end", session.slotEnd().toString()));
			payload.put("evaluator", ofThem.evaluatorId());
			payload.put("rubric", RUBRIC_ID);
			payload.put("points", ofThem.points());
			payload.put("score", ofThem.score());
			payload.put("passed", ofThem.passed());
			payload.put("comment", ofThem.comment());
			evidence.append(participant, session.skill(), session.activity(), session.processInstanceId(), EVIDENCE_KIND,
					toJson(payload));
			if (Boolean.TRUE.equals(ofThem.passed())) {
				endorsers.add(ofThem.evaluatorId());
			}
		}
		return endorsers;
	}

	/**
	 * A participant's endorsement decision after a held session: endorse the partner with a comment, or not. Only a
	 * participant whose own evaluation of the partner passed may endorse.
	 * @throws SessionConflictException outside the endorsement, without a passing evaluation, or for a second decision
	 * @throws IllegalArgumentException for an endorsement without a comment, or a comment that is too long
	 */
	@Transactional
	public void decideEndorsement(UUID id, String userId, boolean endorse, String comment) {
		PeerSession session = ofParticipant(id, userId);
		String partner = session.partnerOf(userId);
		if (session.state() != SessionState.ENDORSING) {
			throw new SessionConflictException("This session is " + label(session.state())
					+ "; endorsements are open only after a held session, until the endorsement window closes");
		}
		PeerEvaluation mine = evaluationOf(id, userId).orElseThrow();
		if (!Boolean.TRUE.equals(mine.passed())) {
			throw new SessionConflictException("You can endorse " + partner + " only after an evaluation that passed the "
					+ "rubric; yours did not");
		}
		String text = comment == null ? "" : comment.strip();
		if (endorse && text.isEmpty()) {
			throw new IllegalArgumentException("An endorsement needs a comment that says what you saw");
		}
		if (text.length() > SkillStandings.MAX_COMMENT) {
			throw new IllegalArgumentException("The comment is " + text.length() + " characters; the limit is "
					+ SkillStandings.MAX_COMMENT);
		}
		int decided = jdbc.sql("""
				update peer_evaluation set endorse = ?, endorsement_comment = ?, endorsement_decided_at = now()
				where session_id = ? and evaluator_id = ? and endorse is null
				""").params(endorse, text, id, userId).update();
		if (decided == 0) {
			throw new SessionConflictException("You already decided whether to endorse " + partner + " for this session");
		}
	}

	/**
	 * Records the endorsements the participants chose to give. Each counts towards Peer-endorsed only when its
	 * endorser held tier 3 or above when endorsing ({@link SkillStandings#endorse}). Recording again adds nothing.
	 */
	@Transactional
	public void recordEndorsements(UUID id) {
		PeerSession session = get(id);
		for (PeerEvaluation evaluation : evaluationsOf(id)) {
			if (!Boolean.TRUE.equals(evaluation.endorse())) {
				continue;
			}
			String key = endorsementKey(session, evaluation.evaluatorId());
			boolean recorded = standings.endorsementsOf(evaluation.evaluatedId(), session.skill())
				.stream()
				.anyMatch(endorsement -> key.equals(endorsement.processInstanceId()));
			if (!recorded) {
				endorsements.endorse(evaluation.evaluatedId(), session.skill(), evaluation.evaluatorId(),
						evaluation.endorsementComment(), key);
			}
		}
	}

	/**
	 * The held session as an activity of each participant's SCI: completed (it counts as practice), scored by the
	 * partner's rubric evaluation, with the partner as its reviewer. Returns the participants.
	 */
	@Transactional
	public List<String> recordActivities(UUID id) {
		PeerSession session = get(id);
		Instant now = clock.instant();
		for (String participant : session.participants()) {
			PeerEvaluation ofThem = evaluationOf(id, session.partnerOf(participant)).orElseThrow(
					() -> new IllegalStateException("Peer session " + id + " has no evaluation of " + participant));
			standings.recordActivity(new FinishedActivity(activityKey(session, participant), participant, session.skill(),
					session.activity(), true, now, null, ofThem.score(), false, Boolean.TRUE.equals(ofThem.passed()),
					Set.of(ofThem.evaluatorId()), 1.0, Set.of())); // a partner's evaluation: peers do not calibrate
		}
		return session.participants();
	}

	@Transactional
	public void complete(UUID id) {
		PeerSession session = get(id);
		jdbc.sql("update peer_session set state = 'COMPLETED', ended_at = now(), updated_at = now() where id = ?")
			.param(id)
			.update();
		notifications.sendAll(session.participants().stream()
			.map(participant -> new Notifications.Message(participant, "peer-session-completed", "Your peer session on \""
					+ promptTitle(session) + "\" with " + session.partnerOf(participant) + " is recorded; your "
					+ session.skill() + " SCI and tier were updated."))
			.toList());
	}

	/**
	 * Records who calls the session off; the process then cancels it.
	 * @throws SessionConflictException once the slot has begun, or while the requester's answer to another proposal
	 * is pending
	 */
	@Transactional
	public void requestCancel(UUID id, String userId) {
		PeerSession session = ofParticipant(id, userId);
		if (session.state() == SessionState.HELD) {
			throw new SessionConflictException("Another learner proposed a session to you; accept or decline it first");
		}
		if (session.state() == SessionState.PROPOSED && userId.equals(session.partnerId())) {
			throw new SessionConflictException("This session is proposed to you; decline it instead of cancelling");
		}
		if (!session.state().cancellable()) {
			throw new SessionConflictException("This session is " + label(session.state())
					+ "; only a request or a session that has not started can be cancelled");
		}
		jdbc.sql("update peer_session set cancelled_by = ?, updated_at = now() where id = ?").params(userId, id).update();
	}

	/** Cancels the request or session; a held partner request looks again, a scheduled partner is told. */
	@Transactional
	public void cancel(UUID id) {
		PeerSession session = get(id);
		jdbc.sql("update peer_session set state = 'CANCELLED', ended_at = now(), updated_at = now() where id = ?")
			.param(id)
			.update();
		if (session.state() == SessionState.PROPOSED) {
			jdbc.sql("update peer_session set state = 'MATCHING', updated_at = now() where id = ? and state = 'HELD'")
				.param(session.partnerRequestId())
				.update();
		}
		if (session.state() == SessionState.SCHEDULED) {
			String by = session.cancelledBy() == null ? session.requesterId() : session.cancelledBy();
			String other = session.partnerOf(by);
			notifications.send(other, "peer-session-cancelled", by + " cancelled your peer session on \""
					+ promptTitle(session) + "\" of " + shown(session.slotStart()) + ". Request a new one whenever you like.");
		}
	}

	/** A step that finds its session in another state means the platform's state is broken: an incident says so. */
	private static void requireState(PeerSession session, SessionState expected, String rule) {
		if (session.state() != expected) {
			throw new IllegalStateException("Peer session " + session.id() + " is " + session.state() + "; " + rule);
		}
	}

	/** Endorsements are unique per activity; a session has two, one each way. */
	static String endorsementKey(PeerSession session, String endorserId) {
		return session.processInstanceId() + ":" + endorserId;
	}

	/** Activities are unique by id; a session is one activity for each participant. */
	static String activityKey(PeerSession session, String participant) {
		return session.processInstanceId() + ":" + participant;
	}

	private SessionView view(PeerSession session, String userId) {
		boolean requester = userId.equals(session.requesterId());
		String partner = requester ? session.partnerId() : session.requesterId();
		Optional<PeerEvaluation> mine = session.partnerId() == null ? Optional.empty() : evaluationOf(session.id(), userId);
		boolean settled = session.state() == SessionState.ENDORSING || session.state() == SessionState.COMPLETED
				|| session.state() == SessionState.NO_SHOW;
		PeerEvaluation ofMe = settled && partner != null ? evaluationOf(session.id(), partner).orElse(null) : null;
		String waitingFor = switch (session.state()) {
			case PROPOSED -> requester ? null : WAITING_ANSWER;
			case EVALUATING -> mine.isEmpty() ? WAITING_EVALUATION : null;
			case ENDORSING -> mine.filter(e -> Boolean.TRUE.equals(e.passed()) && e.endorse() == null).isPresent()
					? WAITING_ENDORSEMENT : null;
			default -> null;
		};
		Prompt prompt = session.promptId() == null ? null : prompts.find(session.promptId()).orElse(null);
		return new SessionView(session.id(), requester ? "requester" : "partner", session.requesterId(), partner,
				session.skill(), session.state(), session.windowStart(), session.windowEnd(), session.matchDeadline(),
				prompt, session.slotStart(), session.slotEnd(), session.acceptBy(), session.absent(), waitingFor,
				mine.orElse(null), ofMe, session.createdAt(), session.endedAt());
	}

	private record Standing(Tier tier, double sci) {
	}

	/** A learner without a standing in the skill has merely claimed it: tier 1, SCI 0. */
	private Standing standingOf(String learnerId, String skill) {
		return standings.standingsOf(learnerId)
			.stream()
			.filter(standing -> standing.skill().equals(skill))
			.findFirst()
			.map(standing -> new Standing(standing.tier(), standing.sci()))
			.orElse(new Standing(Tier.CLAIMED, 0));
	}

	/** The newest time the learner was matched with each other learner (the partner accepted). */
	private Map<String, Instant> lastMatched(String learnerId) {
		Map<String, Instant> last = new HashMap<>();
		jdbc.sql("""
				select case when requester_id = ? then partner_id else requester_id end as other, max(accepted_at) as at
				from peer_session where accepted_at is not null and (requester_id = ? or partner_id = ?)
				group by 1
				""").params(learnerId, learnerId, learnerId)
			.query((rs, row) -> last.put(rs.getString("other"), rs.getTimestamp("at").toInstant()))
			.list();
		return last;
	}

	private Set<String> promptsHadBy(String first, String second) {
		return new LinkedHashSet<>(jdbc.sql("""
				select distinct prompt_id from peer_session
				where accepted_at is not null and (requester_id in (?, ?) or partner_id in (?, ?))
				""").params(first, second, first, second).query(String.class).list());
	}

	private Prompt promptOf(PeerSession session) {
		return prompts.find(session.promptId())
			.orElseThrow(() -> new IllegalStateException("Peer session " + session.id() + " has the prompt '"
					+ session.promptId() + "', which the prompt bank no longer holds; see " + prompts.file()));
	}

	private String promptTitle(PeerSession session) {
		return prompts.find(session.promptId()).map(Prompt::title).orElse(session.promptId());
	}

	private static String label(SessionState state) {
		return state.name().toLowerCase().replace('_', ' ');
	}

	private static String shown(Instant instant) {
		return SHOWN.format(instant);
	}

	private static Instant instant(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException(field + " is missing; give it as an ISO 8601 instant such as " + EXAMPLE);
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(field + " '" + text + "' is not an ISO 8601 instant such as " + EXAMPLE);
		}
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private String toJson(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	private PeerEvaluation evaluation(ResultSet rs, int row) throws SQLException {
		Map<String, Integer> points = Map.of();
		if (rs.getString("points") != null) {
			try {
				points = json.readValue(rs.getString("points"), new TypeReference<Map<String, Integer>>() {
				});
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return new PeerEvaluation(rs.getString("evaluator_id"), rs.getString("evaluated_id"), rs.getBoolean("attended"),
				points, rs.getBigDecimal("score") == null ? null : rs.getBigDecimal("score").doubleValue(),
				(Boolean) rs.getObject("passed"), rs.getString("comment"), instant(rs, "submitted_at"),
				(Boolean) rs.getObject("endorse"), rs.getString("endorsement_comment"));
	}

	private static PeerSession row(ResultSet rs, int row) throws SQLException {
		return new PeerSession(rs.getObject("id", UUID.class), rs.getString("requester_id"), rs.getString("skill"),
				instant(rs, "window_start"), instant(rs, "window_end"), instant(rs, "match_deadline"),
				SessionState.valueOf(rs.getString("state")), rs.getString("partner_id"),
				rs.getObject("partner_request_id", UUID.class), rs.getObject("joined_session_id", UUID.class),
				texts(rs.getArray("declined_by")), rs.getString("prompt_id"), instant(rs, "slot_start"),
				instant(rs, "slot_end"), instant(rs, "accept_by"), instant(rs, "accepted_at"), texts(rs.getArray("absent")),
				rs.getString("cancelled_by"), rs.getString("process_instance_id"), instant(rs, "created_at"),
				instant(rs, "ended_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static List<String> texts(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
