package dev.provingground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A step that fails reaches the learner, not only Cockpit: with nginx missing, a scenario with a load balancer cannot
 * start. The learner sees the step, its message and that the platform retries by itself; once the retries are spent,
 * a Try again, and the admins have been told. The catalog marks the scenario unavailable, with the install command, until
 * nginx is back; then Try again starts the stack.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class StuckStepIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor LEARNER = user("ada").roles("LEARNER");

	/** Where the platform looks for nginx: a link that is missing until the test puts it there. */
	private static final Path NGINX = newDataDirectory().resolve("bin").resolve("nginx");

	@DynamicPropertySource
	static void nginxElsewhere(DynamicPropertyRegistry registry) {
		registry.add("provingground.provisioning.nginx", NGINX::toString);
	}

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailedStepShowsItsMessageAndTryAgainRetriesIt() throws Exception {
		assertThat(unavailable("scenario-04-horizontal-scaling")).as("the catalog says so before anyone starts it")
			.contains("needs nginx").contains("apt-get install nginx");
		assertThat(unavailable("item-lookup")).as("no balancer, no nginx needed").isNull();
		String runId = call(post("/api/runs").content("{\"scenarioId\": \"scenario-04-horizontal-scaling\"}"), 201)
			.get("id").asText();

		JsonNode retrying = await("/api/runs/" + runId + "/problem", problem -> problem.get("stuck").asBoolean());
		assertThat(retrying.get("step").asText()).isEqualTo("Provision stack");
		assertThat(retrying.get("message").asText()).contains("nginx");
		call(post("/api/runs/" + runId + "/retry"), 409); // the engine still retries by itself

		JsonNode spent = await("/api/runs/" + runId + "/problem", problem -> problem.get("stuck").asBoolean()
				&& !problem.get("retrying").asBoolean());
		assertThat(spent.get("message").asText()).contains("nginx").contains("apt-get install nginx");
		assertThat(jdbc.sql("select message from notification where recipient = 'admins' and kind = 'incident'")
			.query(String.class)
			.list()).as("the admins were told").singleElement().asString().contains("nginx");
		assertThat(call(get("/api/runs/" + runId), 200).get("state").asText()).isEqualTo("PROVISIONING");

		Files.createDirectories(NGINX.getParent());
		Files.createSymbolicLink(NGINX, Path.of("/usr/sbin/nginx"));
		assertThat(unavailable("scenario-04-horizontal-scaling")).as("available once nginx is there").isNull();
		call(post("/api/runs/" + runId + "/retry"), 202);

		await("/api/runs/" + runId, run -> run.get("state").asText().equals("WORKING"));
		assertThat(call(get("/api/runs/" + runId + "/problem"), 200).get("stuck").asBoolean()).isFalse();
		call(post("/api/runs/" + runId + "/cancel"), 200);
	}

	/** What the catalog says keeps the scenario from running here, or null. */
	private String unavailable(String scenarioId) throws Exception {
		for (JsonNode scenario : call(get("/api/scenarios"), 200)) {
			if (scenario.get("id").asText().equals(scenarioId)) {
				return scenario.get("unavailable").isNull() ? null : scenario.get("unavailable").asText();
			}
		}
		throw new AssertionError("the catalog has no " + scenarioId);
	}

	private JsonNode call(MockHttpServletRequestBuilder request, int status) throws Exception {
		return ApiCalls.call(http, json, request, LEARNER, status);
	}

	private JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		JsonNode answer = null;
		while (System.nanoTime() < deadline) {
			answer = call(get(path), 200);
			if (condition.test(answer)) {
				return answer;
			}
			Thread.sleep(250);
		}
		throw new AssertionError(path + " did not get there within 3 minutes; it is " + answer);
	}

}
