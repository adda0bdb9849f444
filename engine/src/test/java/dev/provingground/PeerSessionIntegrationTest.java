package dev.provingground;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.evidence.Evidence;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.sci.Endorsement;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two learners from request to a stored SCI, through the REST API and the engine's job executor: matching by tier and
 * SCI band, the partner's acceptance, the slot timer (fired here by running its job), both evaluations with the
 * session rubric, endorsements each way, evidence, activities and tiers for both. Then the 30-day rule: the same two
 * are not matched again, a third learner of their level is, and a decline rematches without the decliner.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "provingground.sessions.prompts=../sessions/prompts.yaml" })
class PeerSessionIntegrationTest extends TemporaryDataDirectory {

	/** The demo learner, and two more learners. */
	private static final RequestPostProcessor LEARNER = user("learner").roles("LEARNER");

	private static final RequestPostProcessor BO = user("bo").roles("LEARNER");

	private static final RequestPostProcessor CY = user("cy").roles("LEARNER");

	private static final RequestPostProcessor EVALUATOR = user("evaluator").roles("EVALUATOR");

	private static final String SKILL = "system-design";

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	EvidenceStore evidence;

	@Autowired
	SkillStandings standings;

	private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

	@Test
	void twoLearnersAreMatchedEvaluateEachOtherAndBothGetEvidenceAndSci() throws Exception {
		// Bad requests change nothing and say why.
		assertThat(message(request(LEARNER, SKILL, in(5), in(2), 400))).contains("must be after windowStart");
		assertThat(message(request(LEARNER, SKILL, in(2), in(24 * 15), 400))).contains("more than 14 days ahead");
		assertThat(message(request(LEARNER, SKILL, in(2), in(2).plus(Duration.ofMinutes(45)), 400)))
			.contains("a whole session of 60 minutes");
		assertThat(message(request(LEARNER, SKILL, hour.minus(Duration.ofHours(3)), in(5), 400))).contains("in the past");
		assertThat(message(request(LEARNER, "cooking", in(2), in(5), 400))).contains("[system-design]");
		assertThat(message(call(post("/api/sessions").content("{\"skill\": \"system-design\", \"windowStart\": \"tomorrow\", "
				+ "\"windowEnd\": \"later\"}"), LEARNER, 400))).contains("not an ISO 8601 instant");
		call(post("/api/sessions").content("{\"skill\": \"system-design\"}"), EVALUATOR, 403);
		call(get("/sessions"), EVALUATOR, 403);
		assertThat(jdbc.sql("select count(*) from peer_session").query(Integer.class).single()).isZero();

		// The learner asks first and waits; a second open request in the skill is refused.
		String learnerRequest = request(LEARNER, SKILL, in(2), in(6), 201).get("id").asText();
		awaitLookedAndWaits(learnerRequest);
		assertThat(session(learnerRequest, LEARNER).get("state").asText()).isEqualTo("MATCHING");
		request(LEARNER, SKILL, in(8), in(10), 409);

		// bo asks with an overlapping window: bo's request finds the learner (both merely claimed the skill).
		String sessionId = request(BO, SKILL, in(3), in(7), 201).get("id").asText();
		JsonNode proposed = await(sessionId, BO, s -> s.get("state").asText().equals("PROPOSED"));
		assertThat(proposed.get("partnerId").asText()).isEqualTo("learner");
		assertThat(proposed.at("/prompt/id").asText()).isEqualTo("url-shortener");
		assertThat(Instant.parse(proposed.get("slotStart").asText())).isEqualTo(in(3));
		assertThat(Instant.parse(proposed.get("slotEnd").asText())).isEqualTo(in(4));
		JsonNode learnersList = call(get("/api/sessions"), LEARNER, 200);
		assertThat(learnersList.findValuesAsText("state")).containsExactlyInAnyOrder("PROPOSED", "HELD");
		assertThat(session(sessionId, LEARNER).get("waitingFor").asText()).isEqualTo("answer");
		assertThat(message(call(post("/api/sessions/" + sessionId + "/accept"), BO, 409)))
			.contains("Only your proposed partner");
		call(get("/api/sessions/" + sessionId), CY, 404);

		call(post("/api/sessions/" + sessionId + "/accept"), LEARNER, 200);
		await(sessionId, BO, s -> s.get("state").asText().equals("SCHEDULED"));
		assertThat(jdbc.sql("select state from peer_session where id = ?::uuid").param(learnerRequest).query(String.class)
			.single()).as("the learner's own request joined bo's session").isEqualTo("JOINED");
		awaitEnded(learnerRequest);
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processOf(learnerRequest))
			.activityId("End_JoinedAnotherSession").count()).isEqualTo(1);
		assertThat(message(evaluate(sessionId, LEARNER, true, Map.of(), 409))).contains("opens when the session starts");

		// The slot comes: its timer's job runs now instead of in three hours.
		var slotTimer = management.createJobQuery().processInstanceId(processOf(sessionId)).activityId("Event_SlotStarts")
			.singleResult();
		assertThat(slotTimer.getDuedate().toInstant()).isEqualTo(in(3));
		management.executeJob(slotTimer.getId());
		assertThat(session(sessionId, LEARNER).get("waitingFor").asText()).isEqualTo("evaluate");

		// Both evaluate each other with the rubric; only they can, once each, and every score is checked.
		JsonNode rubric = call(get("/api/sessions/rubric"), LEARNER, 200);
		assertThat(rubric.get("criteria").findValuesAsText("id")).containsExactly("decomposition", "technology",
				"scale-reliability", "failure-handling", "communication");
		evaluate(sessionId, CY, true, allPoints(3), 404);
		JsonNode invalid = evaluate(sessionId, LEARNER, true, Map.of("decomposition", 5, "style", 1), 400);
		assertThat(invalid.get("problems").toString()).contains("decomposition: 5 is not one of its levels",
				"'style' is not a criterion", "communication has no score");
		assertThat(message(evaluate(sessionId, LEARNER, false, allPoints(3), 400))).contains("nothing to score");
		JsonNode ofBo = evaluate(sessionId, LEARNER, true, allPoints(3), 200);
		assertThat(ofBo.get("score").asDouble()).isEqualTo(1.0);
		assertThat(ofBo.get("evaluatedId").asText()).isEqualTo("bo");
		assertThat(message(evaluate(sessionId, LEARNER, true, allPoints(3), 409))).contains("cannot be submitted twice");
		Map<String, Integer> ofLearnerPoints = new java.util.HashMap<>(allPoints(3));
		ofLearnerPoints.put("technology", 2);
		JsonNode ofLearner = evaluate(sessionId, BO, true, ofLearnerPoints, 200);
		assertThat(ofLearner.get("score").asDouble()).isCloseTo(0.933, within(1e-9)); // 1 − 0.2 / 3, stored to 3 places
		JsonNode endorsing = await(sessionId, LEARNER, s -> s.get("state").asText().equals("ENDORSING"));
		assertThat(endorsing.at("/evaluationOfMe/evaluatorId").asText()).isEqualTo("bo");
		assertThat(endorsing.get("waitingFor").asText()).isEqualTo("endorse");

		// Each endorses the other; an endorsement needs a comment and is decided once.
		assertThat(message(endorse(sessionId, BO, true, "", 400))).contains("needs a comment");
		endorse(sessionId, LEARNER, true, "Sharp on partitioning and on what a hot key costs", 200);
		endorse(sessionId, LEARNER, true, "Again", 409);
		endorse(sessionId, BO, true, "Careful about failure modes", 200);
		JsonNode completed = await(sessionId, BO, s -> s.get("state").asText().equals("COMPLETED"));
		assertThat(completed.at("/evaluationOfMe/score").asDouble()).isEqualTo(1.0);

		// Evidence for both: what the partner said about each.
		List<Evidence> items = evidence.ofProcessInstance(processOf(sessionId));
		assertThat(items).extracting(Evidence::kind).containsOnly("peer-evaluation");
		assertThat(items).extracting(Evidence::learnerId).containsExactlyInAnyOrder("learner", "bo");
		assertThat(items).allSatisfy(item -> assertThat(item.activityId()).isEqualTo("peer-session:url-shortener"));
		JsonNode learnersEvidence = json.readTree(items.stream().filter(item -> item.learnerId().equals("learner"))
			.findFirst().orElseThrow().payload());
		assertThat(learnersEvidence.get("evaluator").asText()).isEqualTo("bo");
		assertThat(learnersEvidence.get("score").asDouble()).isEqualTo(0.933);

		// An SCI activity and a tier for both. The learner: practice 5.53 + proof 40 × (0.933 + 1) / 3 + reliability 0
		// (one score) + freshness 15; bo: the same with proof 40 × (1.0 + 1) / 3. One peer-reviewed pass and no
		// automated checks: still Claimed.
		assertThat(jdbc.sql("select learner_id from sci_activity where activity = 'peer-session:url-shortener'")
			.query(String.class).list()).containsExactlyInAnyOrder("learner", "bo");
		var learnerStanding = standing("learner");
		assertThat(learnerStanding.proof()).isEqualTo(25.77);
		assertThat(learnerStanding.sci()).isEqualTo(46.30);
		assertThat(learnerStanding.tier()).isEqualTo(Tier.CLAIMED);
		var boStanding = standing("bo");
		assertThat(boStanding.sci()).isEqualTo(47.20);
		assertThat(boStanding.tier()).isEqualTo(Tier.CLAIMED);
		// Both endorsed while they only claimed the skill: recorded, but endorsements count only from tier 3.
		assertThat(standings.endorsementsOf("bo", SKILL)).singleElement().satisfies(endorsement -> {
			assertThat(endorsement.endorserId()).isEqualTo("learner");
			assertThat(endorsement.endorserTier()).isEqualTo(Tier.CLAIMED);
			assertThat(endorsement.counts()).isFalse();
		});
		assertThat(standings.endorsementsOf("learner", SKILL)).extracting(Endorsement::endorserId).containsExactly("bo");
		assertThat(jdbc.sql("select kind from notification where recipient = 'learner' and kind like 'peer-session-%'")
			.query(String.class).list()).containsExactlyInAnyOrder("peer-session-proposed", "peer-session-started",
					"peer-session-completed");

		// Thirty days: the learner and bo, now of the same tier and band, are not matched again.
		String learnerAgain = request(LEARNER, SKILL, in(2), in(6), 201).get("id").asText();
		awaitLookedAndWaits(learnerAgain);
		String boAgain = request(BO, SKILL, in(2), in(6), 201).get("id").asText();
		awaitLookedAndWaits(boAgain);
		assertThat(session(boAgain, BO).get("state").asText()).isEqualTo("MATCHING");

		// cy holds tier 1 with SCI 46 (components stored as the decay reads them): the learner's level, closer than bo.
		jdbc.sql("""
				insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at, practice, proof, reliability,
				                           freshness, rubric_passed, newest_evidence_at)
				values ('cy', 'system-design', 'CLAIMED', 46, now(), 5, 26, 0, 15, true, now())
				""").update();
		String cySession = request(CY, SKILL, in(2), in(6), 201).get("id").asText();
		JsonNode cyProposed = await(cySession, CY, s -> s.get("state").asText().equals("PROPOSED"));
		assertThat(cyProposed.get("partnerId").asText()).isEqualTo("learner");
		String cyPrompt = cyProposed.at("/prompt/id").asText();
		assertThat(cyPrompt).as("tier 1 pairs get a core prompt the learner has not had").isNotEqualTo("url-shortener")
			.isNotIn("distributed-consensus", "event-sourcing", "multi-region-active-active");

		// The learner declines: cy is matched again, with bo, and never again with the learner for this request.
		call(post("/api/sessions/" + cySession + "/decline"), LEARNER, 200);
		JsonNode rematched = await(cySession, CY, s -> s.get("state").asText().equals("PROPOSED")
				&& s.get("partnerId").asText().equals("bo"));
		assertThat(rematched.at("/prompt/id").asText()).isEqualTo(cyPrompt);
		assertThat(session(learnerAgain, LEARNER).get("state").asText()).isEqualTo("MATCHING");
		call(get("/api/sessions/" + cySession), LEARNER, 404);

		// cy cancels before bo answers: bo's request looks for partners again.
		call(post("/api/sessions/" + cySession + "/cancel"), BO, 409);
		assertThat(call(post("/api/sessions/" + cySession + "/cancel"), CY, 200).get("state").asText())
			.isEqualTo("CANCELLED");
		assertThat(session(boAgain, BO).get("state").asText()).isEqualTo("MATCHING");
		awaitEnded(cySession);
	}

	@Test
	void aParticipantWhoDoesNotEvaluateInTimeIsANoShowAndNobodyGetsCredit() throws Exception {
		RequestPostProcessor di = user("di").roles("LEARNER");
		RequestPostProcessor ed = user("ed").roles("LEARNER");
		String diRequest = request(di, SKILL, in(30), in(34), 201).get("id").asText();
		awaitLookedAndWaits(diRequest);
		String sessionId = request(ed, SKILL, in(31), in(33), 201).get("id").asText();
		JsonNode proposed = await(sessionId, ed, s -> s.get("state").asText().equals("PROPOSED"));
		assertThat(proposed.get("partnerId").asText()).isEqualTo("di");
		call(post("/api/sessions/" + sessionId + "/accept"), di, 200);
		await(sessionId, ed, s -> s.get("state").asText().equals("SCHEDULED"));
		String process = processOf(sessionId);
		management.executeJob(management.createJobQuery().processInstanceId(process).activityId("Event_SlotStarts")
			.singleResult().getId());

		// di says ed took part and scores ed; ed never evaluates di. When the evaluations are due, ed is the no-show.
		evaluate(sessionId, di, true, allPoints(2), 200);
		var due = management.createJobQuery().processInstanceId(process).activityId("Event_EvaluationDue").singleResult();
		assertThat(due.getDuedate().toInstant()).as("the slot's end plus evaluate-within")
			.isEqualTo(in(32).plus(Duration.ofHours(24)));
		management.executeJob(due.getId());
		JsonNode noShow = await(sessionId, di, s -> s.get("state").asText().equals("NO_SHOW"));
		assertThat(noShow.get("absent")).extracting(JsonNode::asText).containsExactly("ed");
		awaitEnded(sessionId);

		assertThat(evidence.ofProcessInstance(process)).isEmpty();
		assertThat(jdbc.sql("select count(*) from sci_activity where learner_id in ('di', 'ed')").query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select recipient from notification where kind = 'peer-session-no-show'").query(String.class)
			.list()).containsExactlyInAnyOrder("di", "ed");
		evaluate(sessionId, ed, true, allPoints(3), 409);
	}

	private JsonNode request(RequestPostProcessor user, String skill, Instant from, Instant to, int status)
			throws Exception {
		return call(post("/api/sessions").content(json.writeValueAsString(Map.of("skill", skill, "windowStart",
				from.toString(), "windowEnd", to.toString()))), user, status);
	}

	private JsonNode evaluate(String sessionId, RequestPostProcessor user, boolean attended, Map<String, Integer> points,
			int status) throws Exception {
		return call(post("/api/sessions/" + sessionId + "/evaluation").content(json.writeValueAsString(Map.of("attended",
				attended, "points", points, "comment", "Clear reasoning about the read path"))), user, status);
	}

	private JsonNode endorse(String sessionId, RequestPostProcessor user, boolean endorse, String comment, int status)
			throws Exception {
		return call(post("/api/sessions/" + sessionId + "/endorsement")
			.content(json.writeValueAsString(Map.of("endorse", endorse, "comment", comment))), user, status);
	}

	private static Map<String, Integer> allPoints(int points) {
		return Map.of("decomposition", points, "technology", points, "scale-reliability", points, "failure-handling",
				points, "communication", points);
	}

	private SkillStandings.Standing standing(String learner) {
		return standings.standingsOf(learner).stream().filter(s -> s.skill().equals(SKILL)).findFirst().orElseThrow();
	}

	private Instant in(int hours) {
		return hour.plus(Duration.ofHours(hours));
	}

	private JsonNode session(String id, RequestPostProcessor user) throws Exception {
		return call(get("/api/sessions/" + id), user, 200);
	}

	private String processOf(String sessionId) {
		return jdbc.sql("select process_instance_id from peer_session where id = ?::uuid").param(sessionId)
			.query(String.class).single();
	}

	private static String message(JsonNode problem) {
		return problem.get("message").asText();
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor user, int expectedStatus)
			throws Exception {
		return ApiCalls.call(http, json, request, user, expectedStatus);
	}

	/** Polls the session until the condition holds; the jobs run on the engine's job executor. */
	private JsonNode await(String id, RequestPostProcessor user, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		JsonNode session = null;
		while (System.nanoTime() < deadline) {
			session = session(id, user);
			if (condition.test(session)) {
				return session;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The session did not get there within a minute; it is " + session + "; incidents: "
				+ jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

	/** The request looked for a partner, found none, and now waits to look again. */
	private void awaitLookedAndWaits(String id) throws InterruptedException {
		awaitTrue(() -> management.createJobQuery().processInstanceId(processOf(id)).activityId("Event_RetryMatch")
			.count() == 1, "request " + id + " to wait for its next look");
	}

	private void awaitEnded(String id) throws InterruptedException {
		awaitTrue(() -> history.createHistoricProcessInstanceQuery().processInstanceId(processOf(id)).finished().count() == 1,
				"the process of " + id + " to end");
	}

	private void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Waited a minute for " + what + "; incidents: "
				+ jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

}
