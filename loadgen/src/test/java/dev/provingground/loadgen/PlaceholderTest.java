package dev.provingground.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceholderTest {

	@Test
	void fillsPlaceholdersWithRandomValuesEncodedForPathAndBody() throws Exception {
		List<RequestTemplate> mix = List.of(RequestTemplate.get("/items/{id}"),
				new RequestTemplate("POST", "/orders/{id}", 1, "{\"item\":\"{id}\",\"note\":\"{note}\"}"));
		Map<String, List<String>> variables = Map.of("id", List.of("a b", "c/d", "42"), "note",
				List.of("say \"hi\""));
		LoadProfile profile = LoadProfile.open(100, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5), mix,
				variables);
		try (LoadRunner runner = new LoadRunner(); TestServer server = new TestServer((path, n) -> 200)) {
			LoadReport report = runner.run(server.target(), profile, LoadListener.NONE);

			assertThat(report.requests()).isEqualTo(100);
			assertThat(report.errors()).isZero();
			List<TestServer.Seen> seen = server.seen();
			List<String> encodedIds = List.of("a%20b", "c%2Fd", "42");
			assertThat(seen).filteredOn(request -> request.method().equals("GET"))
				.extracting(TestServer.Seen::rawPath)
				.allSatisfy(path -> assertThat(path).isIn(encodedIds.stream().map(id -> "/items/" + id).toList()))
				// 3 values over ~50 requests: each one drawn at least once, unless the random source is broken.
				.contains("/items/a%20b", "/items/c%2Fd", "/items/42");
			List<TestServer.Seen> posts = seen.stream().filter(request -> request.method().equals("POST")).toList();
			assertThat(posts).isNotEmpty().allSatisfy(request -> {
				assertThat(request.rawPath()).isIn(encodedIds.stream().map(id -> "/orders/" + id).toList());
				assertThat(request.contentType()).isEqualTo("application/json");
				assertThat(request.body()).isIn("{\"item\":\"a b\",\"note\":\"say \\\"hi\\\"\"}",
						"{\"item\":\"c/d\",\"note\":\"say \\\"hi\\\"\"}",
						"{\"item\":\"42\",\"note\":\"say \\\"hi\\\"\"}");
			});
		}
	}

}
