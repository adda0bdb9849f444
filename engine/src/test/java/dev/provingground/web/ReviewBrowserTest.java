package dev.provingground.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator's side in a real browser: user {@code learner} fixes item-lookup on a real stack through the REST
 * API (the solution copied into the workspace, as the scenario tests do), and {@code evaluator} reviews and endorses
 * the submission in the UI, after following the flag on a reflection that copies another learner's. The API then
 * shows the review and the endorsement in the learner's standing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class ReviewBrowserTest extends TemporaryDataDirectory {

	private static final String SCENARIO = "item-lookup";

	private static final String SKILL = "system-design";

	private static final List<String> REFLECTION = List.of(
			"At 40 requests a second each lookup **read all 1,000,000 rows**, so requests queued for the pool; one "
					+ "request at a time looked fine.",
			"Every insert and update of `sku` also writes the index. On a write-heavy table that is rarely read by that "
					+ "column I would not add it.");

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ScenarioCatalog catalog;

	@Autowired
	PlatformSettings platform;

	@Autowired
	EvidenceStore evidence;

	@Autowired
	ObjectMapper json;

	@Test
	void anEvaluatorReviewsAndEndorsesALearnersSubmission() throws Exception {
		adaSubmittedEarlier();
		String runId = learnerSubmitsAFix();
		String processInstanceId = learnerGet("/api/runs/" + runId).get("processInstanceId").asText();

		awaitIndexedAsSimilarToAda(processInstanceId);
		try (var browser = Browser.open(port)) {
			browser.signIn("evaluator", EVALUATOR_PASSWORD);
			theCopiedReflectionIsFlaggedWithALinkToTheOriginal(browser);
			EvaluatorSteps.reviewAndEndorse(browser, "learner");
		}

		await(runId, run -> run.get("state").asText().equals("COMPLETED"));
		JsonNode explanation = learnerGet("/api/standings/" + SKILL + "/explanation");
		assertThat(contributions(explanation, 1)).as("proof, from the reviewed activity").containsExactly(processInstanceId);
		assertThat(contributions(explanation, 2)).as("reliability, from the reviewer").containsExactly("evaluator");
		JsonNode endorsement = learnerGet("/api/standings/" + SKILL + "/endorsements").get(0);
		assertThat(endorsement.get("endorserId").asText()).isEqualTo("evaluator");
		assertThat(endorsement.get("comment").asText()).isEqualTo(EvaluatorSteps.ENDORSEMENT_COMMENT);
		assertThat(endorsement.get("processInstanceId").asText()).isEqualTo(processInstanceId);
	}

	/** The submission view flags ada's earlier submission, and its link shows that submission's evidence, read-only. */
	private void theCopiedReflectionIsFlaggedWithALinkToTheOriginal(Browser browser) {
		browser.go("/review");
		browser.waitFor(By.xpath("//tr[td[1][normalize-space()='learner']]//a")).click();
		WebElement flags = browser.waitFor(By.cssSelector("[data-testid=similar-submissions]"));
		browser.waitUntil(driver -> flags.getText().contains("ada: Item lookup (alike in reflection)"),
				Duration.ofSeconds(10));
		flags.findElement(By.linkText("ada: Item lookup")).click();
		browser.waitUntil(driver -> browser.waitFor(By.tagName("h1")).getText().equals("Item lookup by ada"),
				Duration.ofSeconds(10));
		assertThat(browser.waitFor(By.cssSelector("dl.reflection")).getText()).contains("read all 1,000,000 rows");
		assertThat(browser.all(By.cssSelector("textarea, button[type=submit]"))).as("read-only").isEmpty();
	}

	/** ada submitted item-lookup earlier; the learner's reflection will copy hers. */
	private void adaSubmittedEarlier() throws Exception {
		List<String> questions = catalog.get(SCENARIO).reflection();
		List<Map<String, String>> reflection = new ArrayList<>();
		for (int i = 0; i < questions.size(); i++) {
			reflection.add(Map.of("question", questions.get(i), "answer", REFLECTION.get(i)));
		}
		evidence.append("ada", SKILL, SCENARIO, "ada-earlier-run", "reflection", json.writeValueAsString(reflection));
	}

	/** Evidence reaches the search index in the background, within seconds. */
	private void awaitIndexedAsSimilarToAda(String processInstanceId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode similar = http.withBasicAuth("evaluator", EVALUATOR_PASSWORD)
				.getForObject("/api/evidence/similar?processInstanceId=" + processInstanceId, JsonNode.class);
			if (similar.findValuesAsText("learnerId").contains("ada")) {
				return;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The learner's reflection was not found similar to ada's within 30 s");
	}

	/** The learner's run from start to review: the solution in the workspace, a restart, passing checks, a reflection. */
	private String learnerSubmitsAFix() throws Exception {
		ResponseEntity<JsonNode> started = learner().postForEntity("/api/runs", Map.of("scenarioId", SCENARIO),
				JsonNode.class);
		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String runId = started.getBody().get("id").asText();
		await(runId, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport"));

		catalog.get(SCENARIO).applySolutionTo(platform.dataDirOf("workspaces").resolve(runId));
		act(runId, "restart");
		JsonNode restarted = await(runId, run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
		assertThat(restarted.at("/lastAction/ok").asBoolean()).as(restarted.get("lastAction").toString()).isTrue();
		// Right after a restart the app and its database are cold: on a busy machine the first check's latency can
		// miss the threshold, and the learner checks again, as they would in the UI.
		JsonNode checked = null;
		for (int attempt = 1; attempt <= 5 && !inState(checked, "REFLECTING"); attempt++) {
			act(runId, "check");
			int attempts = attempt;
			checked = await(runId, run -> run.get("attempts").asInt() == attempts && run.get("busyWith").isNull());
		}
		assertThat(checked.get("state").asText()).as(checked.get("lastCheckReport").toString()).isEqualTo("REFLECTING");

		assertThat(learner()
			.postForEntity("/api/runs/" + runId + "/reflection", Map.of("answers", REFLECTION), JsonNode.class)
			.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		await(runId, run -> run.get("state").asText().equals("IN_REVIEW") && run.get("stackId").isNull());
		return runId;
	}

	private static boolean inState(JsonNode run, String state) {
		return run != null && run.get("state").asText().equals(state);
	}

	private void act(String runId, String action) {
		assertThat(learner().postForEntity("/api/runs/" + runId + "/actions", Map.of("action", action), JsonNode.class)
			.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
	}

	private TestRestTemplate learner() {
		return http.withBasicAuth("learner", LEARNER_PASSWORD);
	}

	private JsonNode learnerGet(String path) {
		ResponseEntity<JsonNode> response = learner().getForEntity(path, JsonNode.class);
		assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	/** The sources of one SCI component's contributions (0 practice, 1 proof, 2 reliability, 3 freshness). */
	private static List<String> contributions(JsonNode explanation, int component) {
		return explanation.at("/components/" + component + "/contributions").findValuesAsText("source");
	}

	/** Polls the run until the condition holds; its jobs run on the engine's job executor. */
	private JsonNode await(String runId, Predicate<JsonNode> condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = learnerGet("/api/runs/" + runId);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The run did not get there within 3 minutes; it is " + run);
	}

}
