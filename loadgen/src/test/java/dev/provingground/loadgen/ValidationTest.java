package dev.provingground.loadgen;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ValidationTest {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final List<RequestTemplate> MIX = List.of(RequestTemplate.get("/"));

	@Test
	void rejectsARateOutsideItsBounds() {
		assertThatThrownBy(() -> LoadProfile.open(0, SECOND, SECOND, SECOND, MIX, Map.of()))
			.isInstanceOf(InvalidLoadProfileException.class)
			.hasMessageContaining("rate");
		assertThatThrownBy(() -> LoadProfile.open(LoadProfile.MAX_RATE + 1, SECOND, SECOND, SECOND, MIX, Map.of()))
			.isInstanceOf(InvalidLoadProfileException.class)
			.hasMessageContaining("rate");
	}

	@Test
	void rejectsAnUnknownMethod() {
		List<RequestTemplate> mix = List.of(new RequestTemplate("FETCH", "/", 1, null));
		assertThatThrownBy(() -> LoadProfile.open(10, SECOND, SECOND, SECOND, mix, Map.of()))
			.isInstanceOf(InvalidLoadProfileException.class)
			.hasMessageContaining("method FETCH");
	}

	@Test
	void rejectsAPlaceholderWithoutValues() {
		List<RequestTemplate> mix = List.of(RequestTemplate.get("/items/{id}"));
		assertThatThrownBy(() -> LoadProfile.open(10, SECOND, SECOND, SECOND, mix, Map.of("id", List.of())))
			.isInstanceOf(InvalidLoadProfileException.class)
			.hasMessageContaining("{id}");
	}

	@Test
	void rejectsARunLongerThanTheLimit() {
		assertThatThrownBy(() -> LoadProfile.closed(10, Duration.ofMinutes(1), Duration.ofMinutes(5), SECOND, MIX,
				Map.of()))
			.isInstanceOf(InvalidLoadProfileException.class)
			.hasMessageContaining("warm_up plus duration");
	}

	@Test
	void rejectsTooManyUsers() {
		assertThatThrownBy(() -> LoadProfile.closed(LoadProfile.MAX_USERS + 1, SECOND, SECOND, SECOND, MIX, Map.of()))
			.isInstanceOf(InvalidLoadProfileException.class)
			.hasMessageContaining("users");
	}

	@Test
	void acceptsLoopbackTargetsOnly() {
		assertThatCode(() -> new LoadTarget("127.0.0.1", 8080)).doesNotThrowAnyException();
		assertThatCode(() -> new LoadTarget("localhost", 8080)).doesNotThrowAnyException();
		assertThatCode(() -> new LoadTarget("10.213.4.2", 8080, "10.213.0.0/16")).doesNotThrowAnyException();
		assertThatThrownBy(() -> new LoadTarget("10.214.4.2", 8080, "10.213.0.0/16"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new LoadTarget("10.1.2.3", 8080)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("loopback");
		// Does not resolve on this machine (unknown host) or resolves to a public address (not loopback): both refused.
		assertThatThrownBy(() -> new LoadTarget("example.com", 80)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("example.com");
		assertThatThrownBy(() -> new LoadTarget("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("port");
	}

}
