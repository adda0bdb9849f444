package dev.provingground.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleUnaryOperator;

import dev.provingground.provisioning.ProvisioningFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The measurement queue on its own, in a real PostgreSQL: capacity, order, cancelling, and a crashed node's entries. */
class MeasurementQueueIntegrationTest {

	private final MeasurementQueue queue = LoadFixtures.queue(LoadFixtures.settings(1.0));

	private final JdbcClient jdbc = JdbcClient.create(ProvisioningFixtures.platformDatabase());

	/** Each test has a host of its own. */
	private final String host = "test-host-" + UUID.randomUUID();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stop() throws InterruptedException {
		threads.shutdownNow();
		threads.awaitTermination(10, TimeUnit.SECONDS);
		queue.destroy();
	}

	@Test
	void measurementsAreAdmittedInTheOrderTheyCameAndNeverBeyondTheCapacity() throws Exception {
		List<Integer> admittedInOrder = Collections.synchronizedList(new ArrayList<>());
		double[] needs = { 0.6, 0.3, 0.6, 0.4, 0.6, 0.3 };
		var load = new Object() {
			double now;

			double most;

			synchronized void change(DoubleUnaryOperator by) {
				now = by.applyAsDouble(now);
				most = Math.max(most, now);
			}
		};
		List<CompletableFuture<Void>> done = new ArrayList<>();
		for (int i = 0; i < needs.length; i++) {
			int index = i;
			done.add(CompletableFuture.runAsync(() -> {
				try (var admission = queue.enter(host, UUID.randomUUID(), null, needs[index], Duration.ofSeconds(1))) {
					admittedInOrder.add(index);
					load.change(now -> now + needs[index]);
					sleep(1000);
					load.change(now -> now - needs[index]);
				}
			}, threads));
			awaitWaiting(i + 1); // each enters after the one before: the order is known
		}
		CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		assertThat(admittedInOrder).as("first come, first served").containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(load.most).as("CPUs measured at once").isLessThanOrEqualTo(1.0 + 1e-9).isGreaterThan(0.85);
		assertThat(rows()).as("every entry left the line").isZero();
	}

	@Test
	void aMeasurementLargerThanTheCapacityRunsAlone() throws Exception {
		var first = queue.enter(host, UUID.randomUUID(), null, 0.5, Duration.ofSeconds(5));
		var large = CompletableFuture.supplyAsync(
				() -> queue.enter(host, UUID.randomUUID(), null, 2.25, Duration.ofSeconds(5)), threads);
		sleep(1000);
		assertThat(large).as("it waits while another runs").isNotDone();
		first.close();
		large.get(10, TimeUnit.SECONDS).close();
	}

	@Test
	void theLearnerSeesTheirPlaceAndALeftPlaceGoesToTheNext() throws Exception {
		var running = queue.enter(host, UUID.randomUUID(), "run-a", 1.0, Duration.ofSeconds(20));
		AtomicReference<Throwable> cancelled = new AtomicReference<>();
		var second = CompletableFuture.runAsync(() -> {
			try {
				queue.enter(host, UUID.randomUUID(), "run-b", 1.0, Duration.ofSeconds(10)).close();
			}
			catch (MeasurementCancelledException ex) {
				cancelled.set(ex);
			}
		}, threads);
		awaitWaiting(2);
		var third = CompletableFuture.supplyAsync(
				() -> queue.enter(host, UUID.randomUUID(), "run-c", 1.0, Duration.ofSeconds(10)), threads);
		awaitWaiting(3);

		var placeOfC = queue.placeOf("run-c").orElseThrow();
		assertThat(placeOfC.ahead()).isEqualTo(2);
		assertThat(placeOfC.startsInSeconds()).as("20 s of a's left, then b's 10").isBetween(27L, 30L);
		assertThat(queue.placeOf("run-a")).as("a runs: it waits no more").isEmpty();

		assertThat(queue.cancel("run-b")).isTrue();
		second.get(10, TimeUnit.SECONDS);
		assertThat(cancelled.get()).as("b was told").isNotNull();
		assertThat(queue.cancel("run-b")).as("nothing of b waits").isFalse();
		assertThat(queue.placeOf("run-c").orElseThrow().ahead()).isEqualTo(1);

		running.close();
		third.get(10, TimeUnit.SECONDS).close();
	}

	@Test
	void theEntriesOfANodeThatCrashedExpire() throws Exception {
		jdbc.sql("""
				insert into measurement_queue (id, placement, stack_id, need, expected_s, state, admitted_at, heartbeat_at)
				values (?, ?, ?, 1.0, 60, 'ADMITTED', now() - interval '1 hour', now() - interval '1 hour')
				""").params(UUID.randomUUID(), host, UUID.randomUUID()).update();

		var admitted = CompletableFuture.supplyAsync(
				() -> queue.enter(host, UUID.randomUUID(), null, 1.0, Duration.ofSeconds(5)), threads);

		admitted.get(10, TimeUnit.SECONDS).close();
		assertThat(rows()).isZero();
	}

	private long rows() {
		return jdbc.sql("select count(*) from measurement_queue where placement = ?").param(host).query(Long.class).single();
	}

	private void awaitWaiting(int entries) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (jdbc.sql("select count(*) from measurement_queue where placement = ?").param(host).query(Long.class)
			.single() < entries && System.nanoTime() < deadline) {
			sleep(20);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
