package dev.provingground;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * A real scenario from start to a stored SCI, through the REST API and the engine's job executor: a real stack, real
 * load, real checks, the learner's fix in the workspace, a reflection, a peer review with the rubric, an endorsement,
 * and the tier decision. The scenario is the platform's test package, which ada (a tester) may start: everything is
 * recorded, and nothing of it counts towards her SCI.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class ScenarioRunIntegrationTest extends TemporaryDataDirectory {

	private static final String SCENARIO = "item-lookup";

	private static final RequestPostProcessor LEARNER = user("ada").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor EVALUATOR = user("eve").roles("EVALUATOR");

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	ScenarioCatalog catalog;

	@Autowired
	SkillStandings standings;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aScenarioRunEndsWithTheLearnersSciAndTierStored() throws Exception {
		// eve holds tier 3 in the skill, so her endorsement counts
		jdbc.sql("insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at) values ('eve', 'system-design', 'VERIFIED', 70, now())")
			.update();

		JsonNode started = call(post("/api/runs").content("{\"scenarioId\": \"" + SCENARIO + "\"}"), LEARNER, 201);
		String runId = started.get("id").asText();
		JsonNode working = await(runId, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport"));
		assertThat(working.at("/baselineReport/requests").asLong()).as("the baseline load ran").isPositive();

		call(post("/api/runs/" + runId + "/actions").content("{}"), LEARNER, 409);
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"load\", \"profile\": \"nope\"}"), LEARNER, 409);
		call(get("/api/runs/" + runId), EVALUATOR, 404);

		// The broken starter fails its checks, with hints.
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"check\"}"), LEARNER, 202);
		JsonNode failed = await(runId, run -> run.get("attempts").asInt() == 1 && run.get("busyWith").isNull());
		assertThat(failed.get("state").asText()).isEqualTo("WORKING");
		assertThat(failed.at("/lastCheckReport/verdicts/1/passed").asBoolean()).isFalse();
		assertThat(failed.at("/lastCheckReport/verdicts/1/hint").asText()).isNotBlank();

		// The learner edits the workspace through the editor's API: the index, in the migration; then restarts.
		call(get("/api/runs/" + runId + "/solution"), LEARNER, 409);
		JsonNode files = call(get("/api/runs/" + runId + "/files"), LEARNER, 200);
		assertThat(files.findValuesAsText("path")).contains("db/migrate.sql", "server.js")
			.noneMatch(path -> path.startsWith("node_modules"));
		String fileApi = "/api/runs/" + runId + "/files/content";
		call(put(fileApi).param("path", "../outside.sql").content("{\"content\": \"x\"}"), LEARNER, 400);
		call(put(fileApi).param("path", "node_modules/pg/index.js").content("{\"content\": \"x\"}"), LEARNER, 400);
		call(get(fileApi).param("path", "db/migrate.sql"), EVALUATOR, 404);
		String migration = call(get(fileApi).param("path", "db/migrate.sql"), LEARNER, 200).get("content").asText();
		// A first try that breaks the app: the restart fails with the app's log, and the next restart still works.
		call(put(fileApi).param("path", "db/migrate.sql")
			.content(json.writeValueAsString(Map.of("content", migration + "\nTHIS IS NOT SQL;\n"))), LEARNER, 200);
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"restart\"}"), LEARNER, 202);
		JsonNode broken = await(runId, run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
		assertThat(broken.at("/lastAction/ok").asBoolean()).as(broken.get("lastAction").toString()).isFalse();
		assertThat(broken.at("/lastAction/log").asText()).as("the app's own output").contains("syntax error");
		String fix = migration + "\nCREATE UNIQUE INDEX IF NOT EXISTS items_sku_key ON items (sku);\n";
		call(put(fileApi).param("path", "db/migrate.sql").content(json.writeValueAsString(Map.of("content", fix))),
				LEARNER, 200);
		assertThat(call(get(fileApi).param("path", "db/migrate.sql"), LEARNER, 200).get("content").asText()).isEqualTo(fix);
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"restart\"}"), LEARNER, 202);
		JsonNode restarted = await(runId, run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
		assertThat(restarted.at("/lastAction/ok").asBoolean()).as(restarted.get("lastAction").toString()).isTrue();
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"check\"}"), LEARNER, 202);
		JsonNode passed = await(runId, run -> run.get("attempts").asInt() == 2 && run.get("busyWith").isNull());
		assertThat(passed.get("state").asText()).as(passed.get("lastCheckReport").toString()).isEqualTo("REFLECTING");

		JsonNode attempts = call(get("/api/runs/" + runId + "/attempts"), LEARNER, 200);
		assertThat(attempts).extracting(attempt -> attempt.get("passed").asBoolean()).containsExactly(false, true);
		assertThat(call(get("/api/runs/" + runId + "/solution"), LEARNER, 200).toString()).contains("items_sku_key");

		call(post("/api/runs/" + runId + "/reflection").content("{\"answers\": [\"a\"]}"), LEARNER, 409);
		int questions = catalog.get(SCENARIO).reflection().size();
		String answers = json.writeValueAsString(Map.of("answers",
				java.util.Collections.nCopies(questions, "The lookup scanned every row; an index on sku fixed it.")));
		call(post("/api/runs/" + runId + "/reflection").content(answers), LEARNER, 202);
		await(runId, run -> run.get("state").asText().equals("IN_REVIEW") && run.get("stackId").isNull());
		call(put(fileApi).param("path", "db/migrate.sql").content("{\"content\": \"\"}"), LEARNER, 409);

		// The learner may not review; the evaluator finds the submission with its evidence.
		call(get("/api/review/tasks"), LEARNER, 403);
		JsonNode queue = call(get("/api/review/tasks"), EVALUATOR, 200);
		String processInstanceId = passed.get("processInstanceId").asText();
		String taskId = null;
		for (JsonNode task : queue) {
			if (task.get("processInstanceId").asText().equals(processInstanceId)) {
				taskId = task.get("taskId").asText();
			}
		}
		assertThat(taskId).as("the review is in the evaluator's queue").isNotNull();
		JsonNode submission = call(get("/api/review/tasks/" + taskId), EVALUATOR, 200);
		assertThat(submission.get("reviewGuide").asText()).startsWith("# Reviewer reference: Item lookup");
		List<String> kinds = submission.get("evidence").findValuesAsText("kind");
		// The check runs are on the run's timeline, which is evidence too.
		assertThat(kinds).containsExactlyInAnyOrder("load-before", "diff", "load-after", "check-results", "reflection",
				"diagnostic-trail");

		call(post("/api/review/tasks/" + taskId).content("{\"points\": {\"diagnosis\": 3, \"fix\": 5}}"), EVALUATOR, 400);
		JsonNode review = call(post("/api/review/tasks/" + taskId)
			.content("{\"points\": {\"diagnosis\": 3, \"fix\": 3, \"understanding\": 2}, \"comment\": \"Clear diagnosis\"}"),
				EVALUATOR, 200);
		assertThat(review.get("score").asDouble()).isCloseTo(0.9, within(1e-9));
		call(post("/api/review/tasks/" + taskId).content("{\"points\": {\"diagnosis\": 3, \"fix\": 3, \"understanding\": 2}}"),
				EVALUATOR, 409);

		JsonNode endorsements = call(get("/api/review/endorsements"), EVALUATOR, 200);
		String endorseTask = endorsements.get(0).get("taskId").asText();
		String longComment = json.writeValueAsString(Map.of("endorse", true, "comment", "x".repeat(2001)));
		call(post("/api/review/endorsements/" + endorseTask).content(longComment), EVALUATOR, 400);
		call(post("/api/review/endorsements/" + endorseTask).content("{\"endorse\": true, \"comment\": \"Knows indexes\"}"),
				EVALUATOR, 200);
		await(runId, run -> run.get("state").asText().equals("COMPLETED"));

		// item-lookup is a test package: the run, its review and the endorsement are recorded, but count towards no SCI.
		assertThat(jdbc.sql("select counts from sci_activity where id = ?").param(processInstanceId)
			.query(Boolean.class)
			.single()).isFalse();
		var standing = standings.standingsOf("ada").get(0);
		assertThat(standing.skill()).isEqualTo("system-design");
		assertThat(standing.sci()).isZero();
		assertThat(standing.tier()).isEqualTo(Tier.CLAIMED);
		assertThat(standings.endorsementsOf("ada", "system-design")).singleElement()
			.satisfies(endorsement -> assertThat(endorsement.counts()).isTrue());

		JsonNode explanation = call(get("/api/standings/system-design/explanation"), LEARNER, 200);
		assertThat(explanation.get("sci").asDouble()).isZero();
		assertThat(explanation.get("components").findValuesAsText("source")).isEmpty();
		call(get("/api/standings/system-design/explanation?learner=eve"), LEARNER, 403);

		// What the next tier needs, with ada's own figures: an activity that passed its checks and counts.
		JsonNode outlook = call(get("/api/standings/system-design/outlook"), LEARNER, 200);
		assertThat(outlook.at("/next/tier").asText()).isEqualTo("PRACTICED");
		assertThat(outlook.at("/next/conditions").findValuesAsText("test")).containsExactly("true");
		assertThat(outlook.at("/next/conditions/0/met").asBoolean()).isFalse();
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor user, int expectedStatus)
			throws Exception {
		return ApiCalls.call(http, json, request, user, expectedStatus);
	}

	/** Polls the run until the condition holds; the jobs run on the engine's job executor. */
	private JsonNode await(String runId, Predicate<JsonNode> condition) throws Exception {
		return ApiCalls.awaitRun(http, json, runId, LEARNER, condition,
				() -> "incidents: " + jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

}
