package dev.provingground.loadgen;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of an endpoint mix.
 *
 * @param path the request path; {@code {name}} placeholders are filled with values drawn from the profile's variables
 * @param weight the share of requests relative to the other entries
 * @param body a request body (JSON), with the same placeholders, or null
 */
public record RequestTemplate(String method, String path, int weight, String body) {

	static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

	public RequestTemplate {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(path, "path");
	}

	public static RequestTemplate get(String path) {
		return new RequestTemplate("GET", path, 1, null);
	}

}
