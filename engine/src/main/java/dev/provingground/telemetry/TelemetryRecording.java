package dev.provingground.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.provingground.load.StackData;
import dev.provingground.provisioning.ReplicaUsage;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one stack until it is stopped. Connections are counted four times a second, because a pool that grows
 * for a moment must not slip between samples; everything else once a second.
 */
public final class TelemetryRecording implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TelemetryRecording.class);

	static final int CONNECTION_PROBES_PER_SECOND = 4;

	private static final String CONNECTIONS = """
			SELECT count(*), count(*) FILTER (WHERE state = 'active')
			FROM pg_stat_activity
			WHERE datname = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()
			""";

	private static final String SESSIONS = "SELECT sessions FROM pg_stat_database WHERE datname = ?";

	private final Stack stack;

	private final StackProvisioner provisioner;

	private final Consumer<TelemetrySample> listener;

	private final Connection connection;

	private final Map<Integer, Long> requestsAtStart;

	private final long sessionsAtStart;

	private final List<TelemetrySample> samples = new ArrayList<>();

	private final ScheduledFuture<?> probing;

	private Map<Integer, Long> lastCpuNanos = new HashMap<>();

	private long lastCpuAt = System.nanoTime();

	private int probes;

	private int maxConnections;

	private int maxActive;

	private boolean closed;

	private long sessionsAtStop;

	TelemetryRecording(Stack stack, StackProvisioner provisioner, Consumer<TelemetrySample> listener,
			ScheduledExecutorService scheduler) throws SQLException {
		this.stack = stack;
		this.provisioner = provisioner;
		this.listener = listener;
		this.connection = StackData.connect(stack);
		this.requestsAtStart = provisioner.requestsPerReplica(stack.id());
		this.sessionsAtStart = sessions();
		provisioner.replicaUsage(stack.id()).forEach(usage -> lastCpuNanos.put(usage.index(), usage.cpuTimeNanos()));
		long period = 1000 / CONNECTION_PROBES_PER_SECOND;
		this.probing = scheduler.scheduleAtFixedRate(this::probe, period, period, TimeUnit.MILLISECONDS);
	}

	private synchronized void probe() {
		if (closed) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(CONNECTIONS)) {
			statement.setString(1, stack.database().databaseName());
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				maxConnections = Math.max(maxConnections, row.getInt(1));
				maxActive = Math.max(maxActive, row.getInt(2));
			}
		}
		catch (SQLException ex) {
			log.debug("Counting connections of stack {} failed: {}", stack.id(), ex.getMessage());
		}
		if (++probes % CONNECTION_PROBES_PER_SECOND == 0) {
			completeSecond();
		}
	}

	private void completeSecond() {
		long now = System.nanoTime();
		Map<Integer, Double> cpu = new HashMap<>();
		Map<Integer, Double> rss = new HashMap<>();
		Map<Integer, Long> cpuNanos = new HashMap<>();
		for (ReplicaUsage usage : provisioner.replicaUsage(stack.id())) {
			long before = lastCpuNanos.getOrDefault(usage.index(), usage.cpuTimeNanos());
			cpu.put(usage.index(), 100.0 * (usage.cpuTimeNanos() - before) / (now - lastCpuAt));
			rss.put(usage.index(), usage.rssBytes() / (1024.0 * 1024.0));
			cpuNanos.put(usage.index(), usage.cpuTimeNanos());
		}
		lastCpuNanos = cpuNanos;
		lastCpuAt = now;
		var sample = new TelemetrySample(samples.size() + 1, maxConnections, maxActive, cpu, rss);
		samples.add(sample);
		maxConnections = 0;
		maxActive = 0;
		try {
			listener.accept(sample);
		}
		catch (RuntimeException ex) {
			log.warn("A telemetry listener failed: {}", ex.getMessage());
		}
	}

	/** Stops sampling and sums up; the second in progress is counted. */
	public synchronized TelemetrySummary stop() {
		if (!closed) {
			probing.cancel(false);
			if (probes % CONNECTION_PROBES_PER_SECOND != 0) {
				completeSecond();
			}
			closed = true;
			sessionsAtStop = sessions();
			closeConnection();
		}
		Map<Integer, Long> requests = new HashMap<>();
		provisioner.requestsPerReplica(stack.id())
			.forEach((index, count) -> requests.put(index, count - requestsAtStart.getOrDefault(index, 0L)));
		return new TelemetrySummary(
				samples.stream().mapToInt(TelemetrySample::dbConnections).max().orElse(0),
				sessionsAtStart < 0 || sessionsAtStop < 0 ? -1 : sessionsAtStop - sessionsAtStart,
				samples.stream().flatMap(s -> s.cpuPercent().values().stream()).mapToDouble(Double::doubleValue).max().orElse(0),
				samples.stream().flatMap(s -> s.rssMb().values().stream()).mapToDouble(Double::doubleValue).max().orElse(0),
				requests, stack.replicas().size(), samples);
	}

	/** Sessions ever opened to the stack's database, as PostgreSQL counts them; -1 when it cannot be read. */
	private long sessions() {
		try (PreparedStatement statement = connection.prepareStatement(SESSIONS)) {
			statement.setString(1, stack.database().databaseName());
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? row.getLong(1) : -1;
			}
		}
		catch (SQLException ex) {
			log.debug("Reading the session count of stack {} failed: {}", stack.id(), ex.getMessage());
			return -1;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private void closeConnection() {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// the stack may be gone already
		}
	}

}
