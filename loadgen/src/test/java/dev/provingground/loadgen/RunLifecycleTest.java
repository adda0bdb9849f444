package dev.provingground.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Samples, cancellation, closing the runner. */
class RunLifecycleTest extends SharedRunner {

	@Test
	void pushesOneSamplePerSecondFlaggingTheWarmUp() throws Exception {
		try (TestServer server = new TestServer((path, n) -> 200)) {
			List<LoadSample> pushed = new CopyOnWriteArrayList<>();

			LoadReport report = runner.run(server.target(), Profiles.open(50, 1, 2, "/"), pushed::add);

			assertThat(pushed).extracting(LoadSample::second).containsExactly(1, 2, 3);
			assertThat(pushed).extracting(LoadSample::warmUp).containsExactly(true, false, false);
			assertThat(pushed).allSatisfy(sample -> {
				assertThat(sample.requests()).isBetween(45L, 55L);
				assertThat(sample.errors()).isZero();
				assertThat(sample.maxMs()).isPositive();
			});
			assertThat(report.samples()).isEqualTo(pushed);
			// The warm-up's 50 requests are left out of the report.
			assertThat(report.requests()).isBetween(95L, 105L);
		}
	}

	@Test
	void cancellingEndsTheRunPromptlyAndSaysWhy() throws Exception {
		try (TestServer server = new TestServer((path, n) -> 200)) {
			CountDownLatch firstSample = new CountDownLatch(1);
			LoadRun run = runner.start(server.target(), Profiles.open(100, 0, 60, "/"),
					sample -> firstSample.countDown());
			assertThat(firstSample.await(5, TimeUnit.SECONDS)).isTrue();

			long cancelledAt = System.nanoTime();
			run.cancel("stopped by the user");
			LoadReport report = run.report().get(2, TimeUnit.SECONDS);

			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(1000);
			assertThat(report.completed()).isFalse();
			assertThat(report.cutShortReason()).isEqualTo("stopped by the user");
			assertThat(report.measured().toMillis()).isBetween(1000L, 3000L);
			assertThat(report.requests()).isPositive();
			// And the load stops: the server sees (almost) nothing after the report.
			long seenAtReport = server.requests();
			Thread.sleep(300);
			assertThat(server.requests() - seenAtReport).isLessThanOrEqualTo(2);
		}
	}

	@Test
	void closingTheRunnerCancelsItsRuns() throws Exception {
		try (TestServer server = new TestServer((path, n) -> 200)) {
			LoadRunner ownRunner = new LoadRunner();
			LoadRun run = ownRunner.start(server.target(), Profiles.closed(2, 0, 60, "/"), LoadListener.NONE);
			Thread.sleep(200);

			ownRunner.close();

			LoadReport report = run.report().get(1, TimeUnit.SECONDS);
			assertThat(report.completed()).isFalse();
			assertThat(report.cutShortReason()).isEqualTo("the load runner was closed");
			assertThat(server.requests()).isPositive();
		}
	}

}
