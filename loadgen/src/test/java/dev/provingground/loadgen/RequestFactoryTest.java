package dev.provingground.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;

class RequestFactoryTest {

	@Test
	void picksEntriesInProportionToTheirWeights() {
		RequestFactory factory = factory(List.of(new RequestTemplate("GET", "/often", 3, null),
				new RequestTemplate("GET", "/rarely", 1, null)), Map.of());

		int often = 0;
		for (int i = 0; i < 8000; i++) {
			FullHttpRequest request = factory.next();
			assertThat(request.uri()).isIn("/often", "/rarely");
			assertThat(request.headers().get(HttpHeaderNames.HOST)).isEqualTo("127.0.0.1:8080");
			if (request.uri().equals("/often")) {
				often++;
			}
			request.release();
		}
		// Expected 6000; the standard deviation is ~39, so +-200 fails only if the weights are wrong.
		assertThat(often).isBetween(5800, 6200);
	}

	@Test
	void sendsBodiesAsJsonWithTheirLengthInBytes() {
		RequestFactory factory = factory(List.of(new RequestTemplate("POST", "/orders/{id}", 1, "{\"id\":\"{id}\"}")),
				Map.of("id", List.of("é 1")));

		FullHttpRequest request = factory.next();
		try {
			assertThat(request.method().name()).isEqualTo("POST");
			assertThat(request.uri()).isEqualTo("/orders/%C3%A9%201");
			assertThat(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
			assertThat(request.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"é 1\"}");
			assertThat(request.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(13);
		}
		finally {
			request.release();
		}
	}

	@Test
	void encodesValuesForTheirPlace() {
		assertThat(RequestFactory.encodePathSegment("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
		assertThat(RequestFactory.escapeJsonString("say \"hi\"\\\n")).isEqualTo("say \\\"hi\\\"\\\\\\n");
	}

	private static RequestFactory factory(List<RequestTemplate> mix, Map<String, List<String>> variables) {
		LoadProfile profile = LoadProfile.open(10, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), mix,
				variables);
		return new RequestFactory("127.0.0.1", 8080, profile);
	}

}
