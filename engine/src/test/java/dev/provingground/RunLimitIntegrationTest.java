package dev.provingground;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A learner who starts runs without end would take every stack the platform's machines can hold: each learner has a
 * bounded number in progress, counted under a lock so that requests at once cannot both take the last place.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "provingground.runs.max-active-per-learner=2" })
class RunLimitIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor ADA = user("ada").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor GRACE = user("grace").roles("LEARNER", "TESTER");

	private static final String START = "{\"scenarioId\": \"item-lookup\"}";

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Test
	void aLearnerHasAtMostTheAllowedRunsInProgressAndRequestsAtOnceCannotBothTakeTheLastPlace() throws Exception {
		String first = ApiCalls.call(http, json, post("/api/runs").content(START), ADA, 201).get("id").asText();

		// Two requests at once for the one place left: one gets it.
		var pool = Executors.newFixedThreadPool(2);
		List<Future<Integer>> racing = new ArrayList<>();
		Callable<Integer> start = () -> http
			.perform(post("/api/runs").content(START).with(ADA).with(csrf())
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getStatus();
		racing.add(pool.submit(start));
		racing.add(pool.submit(start));
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> status : racing) {
			statuses.add(status.get());
		}
		pool.shutdown();
		assertThat(statuses).containsExactlyInAnyOrder(201, 409);

		JsonNode refused = ApiCalls.call(http, json, post("/api/runs").content(START), ADA, 409);
		assertThat(refused.get("message").asText()).contains("You have 2 runs in progress")
			.contains("2 is the most at once");
		ApiCalls.call(http, json, post("/api/runs").content(START), GRACE, 201);

		ApiCalls.call(http, json, post("/api/runs/" + first + "/cancel"), ADA, 200);
		ApiCalls.awaitRun(http, json, first, ADA, run -> run.get("state").asText().equals("CANCELLED"), () -> "");
		ApiCalls.call(http, json, post("/api/runs").content(START), ADA, 201);
	}

}
