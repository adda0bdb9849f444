package dev.provingground.review;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Calibration on the real platform: an admin marks three gold submissions; an evaluator cannot claim a design
 * review until they scored all three; their accuracy becomes the weight of their review in the learner's Proof; the
 * admin reads the agreement per criterion, with the criterion the evaluator misjudged flagged. Its own context
 * (the explicit calibration setting), because gold submissions make calibration required for every evaluator.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "provingground.review.calibration.required=3" })
class CalibrationIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	private static final RequestPostProcessor EVALUATOR = user("cal-eve").roles("EVALUATOR");

	private static final RequestPostProcessor LEARNER = user("cal-learner").roles("LEARNER");

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	EvidenceStore evidence;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anEvaluatorCalibratesBeforeReviewingAndTheirAccuracyWeighsTheirReview() throws Exception {
		// Three submissions, scored by an admin: strong, weak, middling on every criterion.
		int[] references = { 3, 1, 2 };
		for (int i = 0; i < 3; i++) {
			evidence.append("gold-learner-" + i, "system-design", "scalable-system", "gold-" + i, "documents",
					"{\"files\": {\"DESIGN.md\": \"# Design " + i + "\"}}");
		}
		call(post("/api/admin/gold").content(mark("gold-0", Map.of("decisions", 9))), ADMIN, 400);
		call(post("/api/admin/gold").content(mark("no-such-submission", all(3))), ADMIN, 400);
		call(post("/api/admin/gold").content(mark("gold-0", all(3))), LEARNER, 403);
		for (int i = 0; i < 3; i++) {
			JsonNode gold = call(post("/api/admin/gold").content(mark("gold-" + i, all(references[i]))), ADMIN, 200);
			assertThat(gold.get("referenceScore").asDouble()).isEqualTo(references[i] / 3.0, org.assertj.core.api.Assertions.within(0.001));
		}

		// A design project submitted for review (the learner gives up on every milestone).
		String runId = call(post("/api/project-runs").content("{\"projectId\": \"scalable-system\"}"), LEARNER, 201)
			.at("/run/id").asText();
		for (int i = 0; i < 5; i++) {
			call(post("/api/project-runs/" + runId + "/actions").content("{\"action\": \"giveUp\"}"), LEARNER, 202);
		}
		String processInstanceId = awaitProject(runId, "IN_REVIEW").at("/run/processInstanceId").asText();
		String taskId = null;
		for (JsonNode task : call(get("/api/review/tasks"), EVALUATOR, 200)) {
			if (task.get("processInstanceId").asText().equals(processInstanceId)) {
				taskId = task.get("taskId").asText();
			}
		}
		assertThat(taskId).as("the review is in the queue, for reading").isNotNull();

		JsonNode before = call(get("/api/review/calibration"), EVALUATOR, 200);
		assertThat(before.at("/rubrics/0/rubricId").asText()).isEqualTo("design-doc");
		assertThat(before.at("/rubrics/0/required").asBoolean()).isTrue();
		assertThat(before.at("/rubrics/0/calibrated").asBoolean()).isFalse();
		JsonNode refused = call(post("/api/review/tasks/" + taskId + "/claim"), EVALUATOR, 409);
		assertThat(refused.get("message").asText()).contains("Calibrate first: score 3 more");
		call(post("/api/review/tasks/" + taskId).content(json.writeValueAsString(Map.of("points", all(3)))), EVALUATOR, 409);

		// The evaluator agrees with the reference on everything but the prototype, which they misjudge each time.
		int[] prototype = { 0, 3, 1 };
		double[] accuracies = { 0.85, 0.9, 0.95 }; // 1 − 0.15 × |difference| / 3
		for (int i = 0; i < 3; i++) {
			JsonNode next = call(get("/api/review/calibration/next").param("rubric", "design-doc"), EVALUATOR, 200);
			assertThat(next.get("processInstanceId").asText()).isEqualTo("gold-" + i);
			assertThat(next.toString()).as("the reference stays hidden").doesNotContain("reference");
			Map<String, Integer> points = new java.util.HashMap<>(all(references[i]));
			points.put("prototype", prototype[i]);
			JsonNode result = call(post("/api/review/calibration/gold-" + i)
				.content(json.writeValueAsString(Map.of("points", points))), EVALUATOR, 200);
			assertThat(result.get("accuracy").asDouble()).isCloseTo(accuracies[i], org.assertj.core.api.Assertions.within(1e-9));
			assertThat(result.at("/referencePoints/prototype").asInt()).isEqualTo(references[i]);
		}
		call(get("/api/review/calibration/next").param("rubric", "design-doc"), EVALUATOR, 204);
		call(post("/api/review/calibration/gold-0").content(json.writeValueAsString(Map.of("points", all(3)))), EVALUATOR, 409);
		JsonNode after = call(get("/api/review/calibration"), EVALUATOR, 200);
		assertThat(after.at("/rubrics/0/calibrated").asBoolean()).isTrue();
		assertThat(after.get("weight").asDouble()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-9));

		// Calibrated, the evaluator reviews; the review's weight in Proof is their accuracy.
		call(post("/api/review/tasks/" + taskId + "/claim"), EVALUATOR, 200);
		call(post("/api/review/tasks/" + taskId).content(json.writeValueAsString(Map.of("points", all(1)))), EVALUATOR, 200);
		awaitProject(runId, "COMPLETED");
		assertThat(jdbc.sql("select rubric_weight from sci_activity where id = ?").param(processInstanceId)
			.query(Double.class).single()).isEqualTo(0.9);

		// Agreement: perfect on the criteria scored like the reference, below the bar on the prototype.
		JsonNode quality = call(get("/api/admin/review-quality"), ADMIN, 200);
		assertThat(quality.get("golds")).hasSize(3);
		JsonNode decisions = criterion(quality, "decisions");
		assertThat(decisions.get("alpha").asDouble()).isEqualTo(1.0);
		assertThat(decisions.get("flagged").asBoolean()).isFalse();
		assertThat(decisions.get("submissions").asInt()).isEqualTo(3);
		assertThat(decisions.get("ratings").asInt()).isEqualTo(6);
		JsonNode misjudged = criterion(quality, "prototype");
		assertThat(misjudged.get("alpha").asDouble()).isEqualTo(-0.591); // Krippendorff's alpha of (3,0) (1,3) (2,1)
		assertThat(misjudged.get("flagged").asBoolean()).isTrue();
		assertThat(quality.at("/reviewers/0/reviewerId").asText()).isEqualTo("cal-eve");
		assertThat(quality.at("/reviewers/0/calibrations").asInt()).isEqualTo(3);
		call(get("/api/admin/review-quality"), EVALUATOR, 403);
	}

	private static Map<String, Integer> all(int points) {
		return Map.of("problem-and-scale", points, "scale-and-consistency", points, "failure-and-operations", points,
				"decisions", points, "prototype", points);
	}

	private String mark(String processInstanceId, Map<String, Integer> points) throws Exception {
		return json.writeValueAsString(Map.of("processInstanceId", processInstanceId, "rubricId", "design-doc",
				"points", points));
	}

	private static JsonNode criterion(JsonNode quality, String criterionId) {
		for (JsonNode row : quality.get("agreement")) {
			if (row.get("rubricId").asText().equals("design-doc") && row.get("criterionId").asText().equals(criterionId)) {
				return row;
			}
		}
		throw new AssertionError("no agreement row for " + criterionId + " in " + quality);
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor user, int expectedStatus)
			throws Exception {
		return ApiCalls.call(http, json, request, user, expectedStatus);
	}

	private JsonNode awaitProject(String runId, String state) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = call(get("/api/project-runs/" + runId), LEARNER, 200);
			if (run.at("/run/state").asText().equals(state)) {
				return run;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The project did not reach " + state + " within a minute; it is " + run);
	}

}
