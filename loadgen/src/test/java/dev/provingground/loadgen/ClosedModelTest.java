package dev.provingground.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosedModelTest {

	@Test
	void usersWaitForTheirAnswerSoThroughputIsUsersOverLatency() throws Exception {
		int users = 10;
		try (LoadRunner runner = new LoadRunner(); TestServer server = new TestServer((path, n) -> {
			Thread.sleep(20);
			return 200;
		})) {
			LoadReport report = runner.run(server.target(), Profiles.closed(users, 1, 3, "/"), LoadListener.NONE);

			assertThat(report.completed()).isTrue();
			assertThat(report.errors()).isZero();
			// Each request takes at least 20 ms, so 10 users make at most 500 req/s; the round trip and sleep
			// overshoot cost a little (20% slack for a busy machine). 1% above for answers counted at the window's
			// edges.
			assertThat(report.throughputRps()).isBetween(400.0, 505.0);
			// Never more requests at once than users, and all users were busy at once.
			assertThat(server.maxConcurrent()).isEqualTo(users);
			assertThat(report.p50Ms()).isBetween(20.0, 30.0);
		}
	}

}
