package dev.provingground.platform;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A JSON request to the platform's API as a user, in integration tests that drive it through MockMvc. */
public final class ApiCalls {

	private ApiCalls() {
	}

	/** Sends the request with a CSRF token, asserts the status, and returns the JSON answer (a null node when empty). */
	public static JsonNode call(MockMvc http, ObjectMapper json, MockHttpServletRequestBuilder request,
			RequestPostProcessor user, int expectedStatus) throws Exception {
		var result = http.perform(request.with(user).with(csrf()).contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().is(expectedStatus))
			.andReturn();
		String body = result.getResponse().getContentAsString();
		return body.isEmpty() ? json.nullNode() : json.readTree(body);
	}

	/**
	 * Polls a scenario run as its learner until the condition holds (its jobs run on the engine's job executor), for
	 * three minutes at most; the failure names the run's state and what {@code context} adds (incidents, say).
	 */
	public static JsonNode awaitRun(MockMvc http, ObjectMapper json, String runId, RequestPostProcessor learner,
			Predicate<JsonNode> condition, Supplier<String> context) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = call(http, json, get("/api/runs/" + runId), learner, 200);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The run did not get there within 3 minutes; it is " + run + "; " + context.get());
	}

}
