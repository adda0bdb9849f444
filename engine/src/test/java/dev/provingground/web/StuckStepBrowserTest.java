package dev.provingground.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step that fails reaches the learner in the browser, not only Cockpit: with nginx hidden from the platform, a
 * scenario with a load balancer cannot start. The catalog marks it unavailable with the install command. A run of it
 * started anyway (as one started before nginx went) shows the failed step and its message on the run page while the
 * platform retries by itself; once the retries are spent, a Try again, and the admins have been told. With nginx back,
 * Try again starts the stack and the run page moves on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class StuckStepBrowserTest extends TemporaryDataDirectory {

	private static final String SCENARIO = "scenario-04-horizontal-scaling";

	private static final Duration RETRIES = Duration.ofMinutes(3);

	/** Where the platform looks for nginx: a link that is missing until the test puts it there. */
	private static final Path NGINX = newDataDirectory().resolve("bin").resolve("nginx");

	@DynamicPropertySource
	static void nginxElsewhere(DynamicPropertyRegistry registry) {
		registry.add("provingground.provisioning.nginx", NGINX::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailedStepShowsItsMessageAndTryAgainRetriesItOnceNginxIsBack() throws Exception {
		try (var learner = Browser.open(port)) {
			learner.signIn("learner", LEARNER_PASSWORD);
			learner.go("/learn");
			var card = learner.waitFor(By.cssSelector("[data-scenario=" + SCENARIO + "]"));
			assertThat(card.findElement(By.cssSelector("[data-testid=unavailable]")).getText())
				.as("the catalog says so before anyone starts it").contains("needs nginx").contains("apt-get install nginx");
			assertThat(card.findElement(By.tagName("button")).isEnabled()).as("Start").isFalse();
			assertThat(learner.all(By.cssSelector("[data-scenario=scenario-01-diagnosing-failures] [data-testid=unavailable]")))
				.as("no balancer, no nginx needed").isEmpty();

			var started = http.withBasicAuth("learner", LEARNER_PASSWORD)
				.postForEntity("/api/runs", Map.of("scenarioId", SCENARIO), JsonNode.class);
			assertThat(started.getStatusCode().value()).isEqualTo(201);
			learner.go("/learn/runs/" + started.getBody().get("id").asText());

			var retrying = learner.waitFor(By.cssSelector("[data-testid=stuck-step]"), RETRIES);
			assertThat(retrying.getText()).contains("Provision stack failed.").contains("nginx")
				.contains("The platform tries again by itself");
			learner.screenshot("run-step-failed-retrying");
			var tryAgain = learner.waitFor(By.xpath("//*[@data-testid='stuck-step']//button[.='Try again']"), RETRIES);
			assertThat(learner.waitFor(By.cssSelector("[data-testid=stuck-step]")).getText())
				.contains("apt-get install nginx").contains("The admins were told.");
			assertThat(jdbc.sql("select message from notification where recipient = 'admins' and kind = 'incident'")
				.query(String.class)
				.list()).as("the admins were told").singleElement().asString().contains("nginx");
			learner.screenshot("run-step-failed-try-again");

			Files.createDirectories(NGINX.getParent());
			Files.createSymbolicLink(NGINX, Path.of("/usr/sbin/nginx"));
			tryAgain.click();

			learner.waitUntil(page -> page.findElements(By.cssSelector("[data-testid=stuck-step]")).isEmpty(),
					Duration.ofSeconds(20));
			learner.waitFor(By.xpath("//button[normalize-space()='Check my solution'][not(@disabled)]"), RETRIES);
			learner.go("/learn");
			assertThat(learner.all(By.cssSelector("[data-scenario=" + SCENARIO + "] [data-testid=unavailable]")))
				.as("available once nginx is there").isEmpty();
		}
	}

}
