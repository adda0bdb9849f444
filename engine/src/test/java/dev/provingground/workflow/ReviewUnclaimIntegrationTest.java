package dev.provingground.workflow;

import java.util.Collections;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Claiming and giving back a review, through the REST API on the real engine and database. The run reaches review
 * through the same API and process as any run; only its stack work is the benchmark's instant stacks, and the test
 * runs the jobs itself (job executor off), so that a run reaches review in about a second.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(EngineThroughputBenchmark.InstantStacks.class)
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
class ReviewUnclaimIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor LEARNER = user("ada").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor OTHER_LEARNER = user("bob").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor EVALUATOR = user("eve").roles("EVALUATOR");

	private static final RequestPostProcessor OTHER_EVALUATOR = user("ed").roles("EVALUATOR");

	private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	ScenarioCatalog catalog;

	@Autowired
	ManagementService jobs;

	@Autowired
	RuntimeService runtime;

	@Test
	void onlyTheReviewerOrAnAdminGivesAClaimedReviewBack() throws Exception {
		String processInstance = runToReview();
		String taskId = reviewTaskOf(processInstance);
		String unclaim = "/api/review/tasks/" + taskId + "/unclaim";

		assertThat(call(post(unclaim), EVALUATOR, 409).get("message").asText()).isEqualTo(
				"This review is not claimed; there is nothing to give back");
		call(post("/api/review/tasks/" + taskId + "/claim"), EVALUATOR, 200);
		assertThat(reviewClaimed(processInstance)).isTrue();

		assertThat(call(post(unclaim), OTHER_EVALUATOR, 409).get("message").asText()).isEqualTo(
				"This review is claimed by eve; only they or an admin can give it back");
		call(post(unclaim), LEARNER, 403);
		assertThat(assigneeIn(call(get("/api/review/tasks"), EVALUATOR, 200), taskId)).isEqualTo("eve");

		JsonNode released = call(post(unclaim), EVALUATOR, 200);
		assertThat(released.get("assignee").isNull()).isTrue();
		assertThat(assigneeIn(call(get("/api/review/tasks"), OTHER_EVALUATOR, 200), taskId))
			.as("back in everyone's queue, unassigned").isNull();
		assertThat(reviewClaimed(processInstance)).as("left unclaimed, the review escalates again").isFalse();

		call(post("/api/review/tasks/" + taskId + "/claim"), OTHER_EVALUATOR, 200);
		assertThat(call(post(unclaim), ADMIN, 200).get("assignee").isNull()).isTrue();
	}

	@Test
	void evaluatorsReadAnySubmissionsEvidenceAndLearnersOnlyTheirOwn() throws Exception {
		String evidence = "/api/evidence/submissions/" + runToReview();

		assertThat(call(get(evidence), EVALUATOR, 200).findValuesAsText("kind")).containsExactlyInAnyOrder(
				"load-before", "diff", "load-after", "check-results", "reflection", "diagnostic-trail");
		assertThat(call(get(evidence), LEARNER, 200).findValuesAsText("learnerId")).containsOnly("ada");
		assertThat(call(get(evidence), OTHER_LEARNER, 403).get("message").asText())
			.isEqualTo("Learners can read only their own submissions");
	}

	/** Runs ada's scenario to its review, as she would through the API: start, check (it passes), reflect. */
	private String runToReview() throws Exception {
		JsonNode run = call(post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), LEARNER, 201);
		String runId = run.get("id").asText();
		String processInstance = run.get("processInstanceId").asText();
		executeJobs(processInstance);
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"check\"}"), LEARNER, 202);
		executeJobs(processInstance);
		int questions = catalog.get("item-lookup").reflection().size();
		call(post("/api/runs/" + runId + "/reflection")
			.content(json.writeValueAsString(Map.of("answers", Collections.nCopies(questions, "An index on sku.")))),
				LEARNER, 202);
		executeJobs(processInstance);
		return processInstance;
	}

	private String reviewTaskOf(String processInstance) throws Exception {
		for (JsonNode task : call(get("/api/review/tasks"), EVALUATOR, 200)) {
			if (task.get("processInstanceId").asText().equals(processInstance)) {
				return task.get("taskId").asText();
			}
		}
		throw new AssertionError("the run's review is not in the queue");
	}

	private static String assigneeIn(JsonNode queue, String taskId) {
		for (JsonNode task : queue) {
			if (task.get("taskId").asText().equals(taskId)) {
				return task.get("assignee").isNull() ? null : task.get("assignee").asText();
			}
		}
		throw new AssertionError("review " + taskId + " is not in the queue " + queue);
	}

	private boolean reviewClaimed(String processInstance) {
		return (Boolean) runtime.getVariable(processInstance, ProcessVariables.REVIEW_CLAIMED);
	}

	/** Runs the instance's due jobs until it waits for a person again. */
	private void executeJobs(String processInstance) {
		for (Job job = nextJob(processInstance); job != null; job = nextJob(processInstance)) {
			jobs.executeJob(job.getId());
		}
	}

	private Job nextJob(String processInstance) {
		return jobs.createJobQuery().processInstanceId(processInstance).executable().messages().listPage(0, 1).stream()
			.findFirst()
			.orElse(null);
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor user, int expectedStatus)
			throws Exception {
		return ApiCalls.call(http, json, request, user, expectedStatus);
	}

}
