package dev.provingground.load;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admits measured work within a host's capacity, first come, first served. Each measurement waits in
 * {@code measurement_queue} until it is at the head of its host's line and its need fits beside what is admitted (a
 * need larger than the whole capacity is admitted alone); nobody behind it goes first, so nobody starves. The queue is
 * in PostgreSQL, under an advisory lock per host, so platform nodes that share a host, or a Docker host, share one
 * line. Each node refreshes its own entries; the entries of a node that stopped (it crashed) expire.
 */
@Component
public class MeasurementQueue implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MeasurementQueue.class);

	private static final long POLL_MILLIS = 250;

	/** Where a waiting measurement stands: how many go before it, and about when it starts. */
	public record Place(int ahead, long startsInSeconds) {
	}

	/** An admitted measurement: closing it gives its share back. */
	public interface Admission extends AutoCloseable {

		/** How long it waited for its turn. */
		default Duration waited() {
			return Duration.ZERO;
		}

		@Override
		void close();

	}

	private final JdbcClient jdbc;

	/** Queue writes commit on their own, whatever transaction the caller (a process job) has open. */
	private final TransactionTemplate separately;

	private final LoadSettings settings;

	/** This node's entries, whose heartbeats it refreshes. */
	private final Set<UUID> held = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "measurement-queue-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	public MeasurementQueue(JdbcClient jdbc, PlatformTransactionManager transactions, LoadSettings settings) {
		this.jdbc = jdbc;
		this.separately = new TransactionTemplate(transactions);
		separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.settings = settings;
		long every = Math.max(1, settings.admissionExpiry().toMillis() / 4);
		refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits until the measurement is admitted, and returns it.
	 * @param placement the host whose capacity it uses
	 * @param runId the learner's run, whose page shows the place in the line; null for none
	 * @param need the CPUs it needs
	 * @param expected how long it takes once admitted
	 * @throws MeasurementCancelledException when the learner cancelled it while it waited
	 */
	public Admission enter(String placement, UUID stackId, String runId, double need, Duration expected) {
		UUID id = UUID.randomUUID();
		separately.executeWithoutResult(status -> jdbc.sql("""
				insert into measurement_queue (id, placement, stack_id, run_id, need, expected_s, state)
				values (?, ?, ?, ?, ?, ?, 'WAITING')
				""").params(id, placement, stackId, runId, need, (int) Math.max(1, expected.toSeconds())).update());
		held.add(id);
		long waitStarted = System.nanoTime();
		try {
			while (!tryAdmit(id, placement)) {
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			leave(id);
			throw new MeasurementCancelledException("The measurement was interrupted while it waited for its turn");
		}
		catch (RuntimeException ex) {
			leave(id);
			throw ex;
		}
		Duration waited = Duration.ofNanos(System.nanoTime() - waitStarted);
		if (waited.toMillis() > 1000) {
			log.info("Measurement of stack {} admitted after waiting {} ms for capacity", stackId, waited.toMillis());
		}
		return new Admission() {

			@Override
			public Duration waited() {
				return waited;
			}

			@Override
			public void close() {
				leave(id);
			}

		};
	}

	/** One look at the line, under the host's lock: admits the entry when it is at the head and fits. */
	private boolean tryAdmit(UUID id, String placement) {
		Boolean admitted = separately.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("measurement-queue:" + placement)
				.query((rs, row) -> 1)
				.list();
			jdbc.sql("delete from measurement_queue where placement = ? and heartbeat_at < clock_timestamp() - ?::interval")
				.params(placement, settings.admissionExpiry().toMillis() + " milliseconds")
				.update();
			var mine = jdbc.sql("select state, need from measurement_queue where id = ?")
				.param(id)
				.query((rs, row) -> new Object[] { rs.getString("state"), rs.getDouble("need") })
				.optional()
				.orElseThrow(() -> new MeasurementCancelledException(
						"The measurement was cancelled while it waited for its turn"));
			if (mine[0].equals("ADMITTED")) {
				return true;
			}
			UUID head = jdbc.sql("""
					select id from measurement_queue where placement = ? and state = 'WAITING'
					order by enqueued_at, id limit 1
					""").param(placement).query(UUID.class).single();
			if (!head.equals(id)) {
				return false;
			}
			var running = jdbc.sql("""
					select count(*) as admitted, coalesce(sum(need), 0) as need
					from measurement_queue where placement = ? and state = 'ADMITTED'
					""").param(placement).query((rs, row) -> new double[] { rs.getLong("admitted"), rs.getDouble("need") })
				.single();
			if (running[0] > 0 && running[1] + (double) mine[1] > settings.capacity() + 1e-9) {
				return false;
			}
			jdbc.sql("update measurement_queue set state = 'ADMITTED', admitted_at = clock_timestamp() where id = ?")
				.param(id)
				.update();
			return true;
		});
		return Boolean.TRUE.equals(admitted);
	}

	private void leave(UUID id) {
		held.remove(id);
		separately.executeWithoutResult(status -> jdbc.sql("delete from measurement_queue where id = ?").param(id).update());
	}

	private void refresh() {
		if (held.isEmpty()) {
			return;
		}
		try {
			jdbc.sql("update measurement_queue set heartbeat_at = clock_timestamp() where id = any(?::uuid[])")
				.param(held.stream().map(UUID::toString).toArray(String[]::new))
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh this node's measurement queue entries: {}", ex.getMessage());
		}
	}

	/**
	 * Where the run's waiting measurement stands, or empty when it has none waiting. The estimate adds what is left of
	 * the admitted measurements and the expected time of those ahead, shared among as many as fit at once.
	 */
	public Optional<Place> placeOf(String runId) {
		return jdbc.sql("""
				select count(*) filter (where other.id <> mine.id) as ahead,
				       coalesce(sum(case when other.id = mine.id then 0
				                         when other.state = 'ADMITTED' then greatest(other.expected_s
				                              - extract(epoch from clock_timestamp() - other.admitted_at), 1)
				                         else other.expected_s end), 0) as seconds,
				       min(mine.need) as need
				from measurement_queue mine
				join measurement_queue other on other.placement = mine.placement
				  and (other.state = 'ADMITTED' or other.enqueued_at <= mine.enqueued_at)
				where mine.run_id = ? and mine.state = 'WAITING'
				group by mine.id
				""").param(runId).query((rs, row) -> {
					double atOnce = Math.max(1, Math.floor(settings.capacity() / Math.max(rs.getDouble("need"), 0.01)));
					return new Place(rs.getInt("ahead"), Math.round(rs.getDouble("seconds") / atOnce));
				}).optional();
	}

	/** Takes the run's waiting measurement out of the line; false when it has none waiting. */
	public boolean cancel(String runId) {
		return separately.execute(status -> jdbc.sql("delete from measurement_queue where run_id = ? and state = 'WAITING'")
			.param(runId)
			.update()) > 0;
	}

	@Override
	public void destroy() {
		refresher.shutdownNow();
	}

}
