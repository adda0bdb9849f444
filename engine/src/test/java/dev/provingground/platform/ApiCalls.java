package dev.provingground.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
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

}
