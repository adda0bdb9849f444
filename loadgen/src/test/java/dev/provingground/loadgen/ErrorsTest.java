package dev.provingground.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ErrorsTest extends SharedRunner {

	@Test
	void countsStatusErrorsAndTimeoutsByKind() throws Exception {
		try (TestServer server = new TestServer((path, n) -> switch (path) {
			case "/fail" -> 500;
			case "/missing" -> 404;
			case "/slow" -> {
				Thread.sleep(2_000);
				yield 200;
			}
			default -> 200;
		})) {
			List<RequestTemplate> mix = List.of(new RequestTemplate("GET", "/ok", 3, null),
					new RequestTemplate("GET", "/fail", 1, null), new RequestTemplate("GET", "/missing", 1, null),
					new RequestTemplate("GET", "/slow", 1, null));
			// No warm-up, so every one of the 50 req/s x 2 s = 100 requests is in the report.
			LoadProfile profile = LoadProfile.open(50, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(200),
					mix, Map.of());

			LoadReport report = runner.run(server.target(), profile, LoadListener.NONE);

			assertThat(report.completed()).isTrue();
			assertThat(report.requests()).isEqualTo(100);
			assertThat(server.seen("/fail") + server.seen("/missing") + server.seen("/slow")).isPositive();
			assertThat(report.errorsByKind()).containsOnlyKeys(kindsSeen(server))
				.containsEntry("status 500", server.seen("/fail"))
				.containsEntry("status 404", server.seen("/missing"))
				.containsEntry("timeout", server.seen("/slow"));
			assertThat(report.errors())
				.isEqualTo(server.seen("/fail") + server.seen("/missing") + server.seen("/slow"));
		}
	}

	private static String[] kindsSeen(TestServer server) {
		return Map.of("/fail", "status 500", "/missing", "status 404", "/slow", "timeout")
			.entrySet()
			.stream()
			.filter(kind -> server.seen(kind.getKey()) > 0)
			.map(Map.Entry::getValue)
			.toArray(String[]::new);
	}

	@Test
	void countsRefusedConnectionsAsErrorsNotExceptions() throws Exception {
		LoadTarget nobodyListens = new LoadTarget("127.0.0.1", freePort());

		LoadReport report = runner.run(nobodyListens, Profiles.open(50, 0, 1, "/"), LoadListener.NONE);

		assertThat(report.completed()).isTrue();
		assertThat(report.requests()).isEqualTo(50);
		assertThat(report.errorsByKind()).isEqualTo(Map.of("ConnectException", 50L));
		assertThat(report.errorRate()).isEqualTo(1.0);
	}

	@Test
	void closedUsersKeepTryingADeadTargetWithoutSpinning() throws Exception {
		LoadTarget nobodyListens = new LoadTarget("127.0.0.1", freePort());

		LoadReport report = runner.run(nobodyListens, Profiles.closed(2, 0, 1, "/"), LoadListener.NONE);

		assertThat(report.completed()).isTrue();
		assertThat(report.errorsByKind()).containsOnlyKeys("ConnectException");
		// Each user pauses 10 ms after a failed connection: at most ~100 attempts per user and second.
		assertThat(report.errors()).isBetween(2L, 2 * 110L);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
