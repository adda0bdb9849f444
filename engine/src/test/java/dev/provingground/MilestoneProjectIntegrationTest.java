package dev.provingground;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.milestones.Milestone;
import dev.provingground.milestones.Project;
import dev.provingground.milestones.ProjectCatalog;
import dev.provingground.milestones.ProjectSolutions;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The design project from start to a stored SCI, through the REST API and the engine's job executor: the starter
 * documents fail their checks with hints, the learner's documents pass milestone by milestone, each solution opens
 * after its milestone, then the evidence, a review against the design-doc rubric, an endorsement, and the tier. A
 * learner of their own (grace) and an evaluator of their own (ed) keep the other tests' standings untouched.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class MilestoneProjectIntegrationTest extends TemporaryDataDirectory {

	private static final String PROJECT = "scalable-system";

	private static final RequestPostProcessor LEARNER = user("grace").roles("LEARNER");

	private static final RequestPostProcessor EVALUATOR = user("ed").roles("EVALUATOR");

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	ProjectCatalog catalog;

	@Autowired
	SkillStandings standings;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDesignProjectEndsWithTheLearnersSciAndTierStored() throws Exception {
		Project project = catalog.get(PROJECT);
		JsonNode listed = call(get("/api/projects"), LEARNER, 200);
		assertThat(listed.findValuesAsText("id")).contains(PROJECT);
		JsonNode details = call(get("/api/projects/" + PROJECT), LEARNER, 200);
		assertThat(details.get("milestones")).hasSize(5)
			.allSatisfy(milestone -> assertThat(milestone.get("steps")).hasSize(5));
		call(get("/api/projects/nope"), LEARNER, 404);
		call(post("/api/project-runs").content("{}"), LEARNER, 400);
		call(post("/api/project-runs").content("{\"projectId\": \"nope\"}"), LEARNER, 404);

		JsonNode started = call(post("/api/project-runs").content("{\"projectId\": \"" + PROJECT + "\"}"), LEARNER, 201);
		String runId = started.at("/run/id").asText();
		String first = project.milestones().get(0).id();
		assertThat(started.at("/run/milestoneId").asText()).isEqualTo(first);
		assertThat(call(get("/api/project-runs/" + runId + "/files"), LEARNER, 200).findValuesAsText("path"))
			.contains("DESIGN.md", "runbook.md", "slo-and-cost.md");
		call(get("/api/project-runs/" + runId), user("ada").roles("LEARNER"), 404);
		call(get("/api/project-runs/" + runId + "/solution").param("milestone", first), LEARNER, 409);
		call(post("/api/project-runs/" + runId + "/actions").content("{\"action\": \"deploy\"}"), LEARNER, 409);
		String fileApi = "/api/project-runs/" + runId + "/files/content";
		call(put(fileApi).param("path", "../escape.md").content("{\"content\": \"x\"}"), LEARNER, 400);

		// The untouched template fails, and each failed check names what is missing and gives its first hint.
		call(post("/api/project-runs/" + runId + "/actions").content("{\"action\": \"check\"}"), LEARNER, 202);
		JsonNode failed = await(runId, run -> milestone(run, first).get("attempts").asInt() == 1
				&& run.at("/run/busyWith").isNull());
		JsonNode verdicts = milestone(failed, first).get("lastVerdicts");
		assertThat(verdicts).isNotEmpty().allSatisfy(verdict -> {
			assertThat(verdict.get("passed").asBoolean()).isFalse();
			assertThat(verdict.get("hint").asText()).isNotBlank();
		});
		assertThat(milestone(failed, first).get("passed").asBoolean()).isFalse();

		// The learner's documents pass each milestone in turn; each solution opens once its milestone passed.
		for (Milestone milestone : project.milestones()) {
			await(runId, run -> milestone.id().equals(run.at("/run/milestoneId").asText()));
			for (var file : ProjectSolutions.filesFor(project, milestone.id()).entrySet()) {
				call(put(fileApi).param("path", file.getKey())
					.content(json.writeValueAsString(Map.of("content", file.getValue()))), LEARNER, 200);
			}
			call(post("/api/project-runs/" + runId + "/actions").content("{\"action\": \"check\"}"), LEARNER, 202);
			JsonNode passed = await(runId, run -> milestone(run, milestone.id()).get("passed").asBoolean());
			assertThat(milestone(passed, milestone.id()).get("solutionRevealed").asBoolean()).isTrue();
			JsonNode solution = call(get("/api/project-runs/" + runId + "/solution").param("milestone", milestone.id()),
					LEARNER, 200);
			assertThat(solution.fieldNames()).toIterable().isNotEmpty();
		}
		JsonNode submitted = await(runId, run -> run.at("/run/state").asText().equals("IN_REVIEW"));
		assertThat(submitted.at("/run/milestoneId").isNull()).isTrue();
		call(put(fileApi).param("path", "DESIGN.md").content("{\"content\": \"late\"}"), LEARNER, 409);
		JsonNode attempts = call(get("/api/project-runs/" + runId + "/attempts"), LEARNER, 200);
		assertThat(attempts).hasSize(6);
		assertThat(attempts.get(0).get("passed").asBoolean()).isFalse();

		// The evaluator reviews against the project's rubric, with the documents as evidence.
		String processInstanceId = submitted.at("/run/processInstanceId").asText();
		JsonNode task = null;
		for (JsonNode open : call(get("/api/review/tasks"), EVALUATOR, 200)) {
			if (open.get("processInstanceId").asText().equals(processInstanceId)) {
				task = open;
			}
		}
		assertThat(task).as("the review is in the evaluator's queue").isNotNull();
		assertThat(task.get("activityId").asText()).isEqualTo(PROJECT);
		assertThat(task.get("activityTitle").asText()).isEqualTo(project.title());
		String taskId = task.get("taskId").asText();
		JsonNode submission = call(get("/api/review/tasks/" + taskId), EVALUATOR, 200);
		assertThat(submission.at("/rubric/id").asText()).isEqualTo("design-doc");
		assertThat(submission.get("reviewGuide").asText()).startsWith("# Reviewer reference: ");
		assertThat(submission.get("evidence").findValuesAsText("kind"))
			.containsExactlyInAnyOrder("diff", "documents", "milestone-results");
		call(get("/api/review/tasks/" + taskId), LEARNER, 403);

		Map<String, Integer> allStrong = Map.of("problem-and-scale", 3, "scale-and-consistency", 3,
				"failure-and-operations", 3, "decisions", 3, "prototype", 3);
		JsonNode review = call(post("/api/review/tasks/" + taskId)
			.content(json.writeValueAsString(Map.of("points", allStrong, "comment", "Numbers drive every choice"))),
				EVALUATOR, 200);
		assertThat(review.get("score").asDouble()).isEqualTo(1.0);
		String endorseTask = call(get("/api/review/endorsements"), EVALUATOR, 200).get(0).get("taskId").asText();
		call(post("/api/review/endorsements/" + endorseTask).content("{\"endorse\": true, \"comment\": \"Solid design\"}"),
				EVALUATOR, 200);
		await(runId, run -> run.at("/run/state").asText().equals("COMPLETED"));

		// One completed activity: every milestone passed (checks 1.0), rubric 1.0, one reviewer, evidence from today.
		var standing = standings.standingsOf("grace").get(0);
		assertThat(standing.skill()).isEqualTo("system-design");
		assertThat(standing.practice()).isEqualTo(5.53); // 25 × (1 − e^(−1/4))
		assertThat(standing.proof()).isEqualTo(26.67); // 40 × (1.0 + 2 × 0.5) / (1 + 2): shrunk towards the prior
		assertThat(standing.reliability()).isEqualTo(0.00); // one score has no known spread
		assertThat(standing.freshness()).isEqualTo(15.00);
		assertThat(standing.sci()).isEqualTo(47.20);
		assertThat(standing.tier()).as("one reviewed pass is not the breadth Verified needs").isEqualTo(Tier.PRACTICED);

		// What Verified needs, each test with grace's own figure: the project is one concept of its own.
		JsonNode next = call(get("/api/standings/system-design/outlook"), LEARNER, 200).get("next");
		assertThat(next.get("tier").asText()).isEqualTo("VERIFIED");
		assertThat(next.get("conditions").findValuesAsText("label")).containsExactly("SCI (0–100)",
				"Activities that passed their rubric in a peer review", "Different reviewers of those passes",
				"Different concepts those passes cover");
		assertThat(next.get("conditions").findValuesAsText("test")).containsExactly(">= 60", ">= 2", ">= 2", ">= 2");
		assertThat(next.get("conditions").findValues("current")).extracting(JsonNode::asDouble)
			.containsExactly(47.2, 1.0, 1.0, 1.0);
		assertThat(next.get("conditions").findValues("met")).extracting(JsonNode::asBoolean)
			.containsExactly(false, false, false, false);
	}

	@Test
	void givingUpOnAMilestoneRevealsItsSolutionAndOpensTheNextThenTheLearnerCancels() throws Exception {
		Project project = catalog.get(PROJECT);
		String first = project.milestones().get(0).id();
		String second = project.milestones().get(1).id();
		RequestPostProcessor learner = user("heidi").roles("LEARNER");
		String runId = call(post("/api/project-runs").content("{\"projectId\": \"" + PROJECT + "\"}"), learner, 201)
			.at("/run/id").asText();

		call(post("/api/project-runs/" + runId + "/actions").content("{\"action\": \"giveUp\"}"), learner, 202);
		JsonNode next = await(runId, learner, run -> second.equals(run.at("/run/milestoneId").asText()));
		assertThat(milestone(next, first).get("gaveUp").asBoolean()).isTrue();
		assertThat(milestone(next, first).get("passed").asBoolean()).isFalse();
		JsonNode solution = call(get("/api/project-runs/" + runId + "/solution").param("milestone", first), learner, 200);
		assertThat(solution.get("DESIGN.md").asText()).contains("## Problem statement");
		call(get("/api/project-runs/" + runId + "/solution").param("milestone", second), learner, 409);

		JsonNode cancelled = call(post("/api/project-runs/" + runId + "/cancel"), learner, 200);
		assertThat(cancelled.at("/run/state").asText()).isEqualTo("CANCELLED");
		call(post("/api/project-runs/" + runId + "/cancel"), learner, 409);
		call(post("/api/project-runs/" + runId + "/actions").content("{\"action\": \"check\"}"), learner, 409);
	}

	private static JsonNode milestone(JsonNode view, String milestoneId) {
		for (JsonNode milestone : view.at("/run/milestones")) {
			if (milestone.get("milestoneId").asText().equals(milestoneId)) {
				return milestone;
			}
		}
		throw new AssertionError("no milestone " + milestoneId + " in " + view);
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor user, int expectedStatus)
			throws Exception {
		return ApiCalls.call(http, json, request, user, expectedStatus);
	}

	private JsonNode await(String runId, Predicate<JsonNode> condition) throws Exception {
		return await(runId, LEARNER, condition);
	}

	/** Polls the project until the condition holds; the jobs run on the engine's job executor. */
	private JsonNode await(String runId, RequestPostProcessor learner, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = call(get("/api/project-runs/" + runId), learner, 200);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The project did not get there within a minute; it is " + run + "; incidents: "
				+ jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

}
