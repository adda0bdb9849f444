package dev.provingground.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Repository;

/**
 * The stack rows in PostgreSQL: what exists, in which state, and which processes it runs. Each write commits on its own,
 * even when a caller (a process job) has a transaction open: a stack's processes exist as soon as they start, and the
 * reaper must see them even if that caller rolls back or the platform crashes.
 */
@Repository
@Transactional(propagation = Propagation.REQUIRES_NEW)
class StackRecords {

	private static final Logger log = LoggerFactory.getLogger(StackRecords.class);

	/** A stack row, as much of it as teardown and the reaper need. */
	record StackRow(UUID id, String ownerId, String runId, String scenarioId, StackState state, Path directory,
			String databaseName, String address, String failure) {
	}

	record ProcessRow(String service, int port, long pid) {
	}

	/** Paths as file URIs, durations as ISO-8601. */
	private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private final JdbcClient jdbc;

	private final StackCredentials credentials;

	StackRecords(JdbcClient jdbc, StackCredentials credentials) {
		this.jdbc = jdbc;
		this.credentials = credentials;
	}

	/** The stack databases' passwords. */
	StackCredentials credentials() {
		return credentials;
	}

	/** Where the platform reaches the stack's services, once its network exists. */
	void recordAddress(UUID id, String address) {
		jdbc.sql("update stack set address = ? where id = ?").params(address, id).update();
	}

	/** @param placement where the stack runs, which the reaper matches (the {@code host} column) */
	void insert(UUID id, StackRequest request, String placement, String nodeId, Path directory) {
		jdbc.sql("""
				insert into stack (id, owner_id, run_id, scenario_id, scenario_version, host, node_id, state, directory,
				                   database_name, idle_limit_s, request)
				values (?, ?, ?, ?, ?, ?, ?, 'PROVISIONING', ?, ?, ?, ?::jsonb)
				""")
			.params(id, request.ownerId(), request.runId(), request.scenarioId(), request.scenarioVersion(), placement, nodeId,
					directory.toString(), request.spec().database().name(), (int) request.idleLimit().toSeconds(),
					toJson(request))
			.update();
	}

	/** What the stack was provisioned from; empty for a stack recorded before requests were. */
	Optional<StackRequest> request(UUID id) {
		return jdbc.sql("select request::text from stack where id = ? and request is not null")
			.param(id)
			.query(String.class)
			.optional()
			.map(StackRecords::fromJson);
	}

	private static String toJson(StackRequest request) {
		try {
			return JSON.writeValueAsString(request);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stack request cannot be written as JSON: " + ex.getMessage(), ex);
		}
	}

	private static StackRequest fromJson(String json) {
		try {
			return JSON.readValue(json, StackRequest.class);
		}
		catch (JsonProcessingException ex) {
			throw new StackProvisioningException("The stack's recorded request cannot be read: " + ex.getOriginalMessage());
		}
	}

	void recordProcess(UUID stackId, String service, int port, long pid) {
		jdbc.sql("""
				insert into stack_process (stack_id, service, port, pid) values (?, ?, ?, ?)
				on conflict (stack_id, service) do update set port = excluded.port, pid = excluded.pid
				""").params(stackId, service, port, pid).update();
	}

	void forgetProcess(UUID stackId, String service) {
		jdbc.sql("delete from stack_process where stack_id = ? and service = ?").params(stackId, service).update();
	}

	List<ProcessRow> processes(UUID stackId) {
		return jdbc.sql("select service, port, pid from stack_process where stack_id = ? order by service")
			.param(stackId)
			.query((rs, row) -> new ProcessRow(rs.getString("service"), rs.getInt("port"), rs.getLong("pid")))
			.list();
	}

	/** The sum of the CPU ceilings of the stack's services, for its recorded request and its replicas now. */
	double cpuCeiling(UUID id, ProvisioningSettings.Limits limits) {
		long replicas = processes(id).stream().filter(process -> StackServices.isApp(process.service())).count();
		return request(id).map(request -> limits.ceilingOf(request.spec(), (int) Math.max(1, replicas)))
			.orElse(2 * limits.cpus());
	}

	/** Records that a service ran into a ceiling; a later hit of the same one replaces the earlier. */
	void recordLimitHit(UUID stackId, String service, String limit, String message) {
		jdbc.sql("""
				insert into stack_limit_hit (stack_id, service, limit_kind, message) values (?, ?, ?, ?)
				on conflict (stack_id, service, limit_kind) do update set message = excluded.message, hit_at = now()
				""").params(stackId, service, limit, message).update();
	}

	List<LimitHit> limitsHit(UUID stackId) {
		return jdbc.sql("select * from stack_limit_hit where stack_id = ? order by hit_at, service")
			.param(stackId)
			.query((rs, row) -> new LimitHit(rs.getString("service"), rs.getString("limit_kind"), rs.getString("message"),
					rs.getTimestamp("hit_at").toInstant()))
			.list();
	}

	void markReady(UUID id) {
		jdbc.sql("update stack set state = 'READY', ready_at = now(), failure = null, last_activity_at = now() where id = ?")
			.param(id)
			.update();
	}

	void markFailed(UUID id, String failure) {
		jdbc.sql("update stack set state = 'FAILED', failure = ? where id = ?").params(failure, id).update();
	}

	void markStopped(UUID id) {
		jdbc.sql("update stack set state = 'STOPPED', stopped_at = now() where id = ?").param(id).update();
		jdbc.sql("delete from stack_process where stack_id = ?").param(id).update();
	}

	void touch(UUID id) {
		jdbc.sql("update stack set last_activity_at = now() where id = ?").param(id).update();
	}

	void heartbeat(String nodeId) {
		jdbc.sql("update stack set heartbeat_at = now() where node_id = ? and state <> 'STOPPED'").param(nodeId).update();
	}

	/** Marks the run's stacks as ended, so that the reaper removes any a teardown cannot; returns those not stopped. */
	List<UUID> endRun(String runId) {
		return jdbc.sql("""
				update stack set run_ended_at = coalesce(run_ended_at, now())
				where run_id = ? and state <> 'STOPPED' returning id
				""").param(runId).query(UUID.class).list();
	}

	/**
	 * Tears down each of the run's stacks that is not stopped (after {@link #endRun}, in a transaction of its own, as
	 * the teardown writes these rows); a teardown that fails is logged and left to the reaper.
	 */
	static void tearDownRun(StackRecords records, String runId, Consumer<UUID> tearDown) {
		for (UUID id : records.endRun(runId)) {
			try {
				tearDown.accept(id);
			}
			catch (RuntimeException ex) {
				log.warn("Stack {} of run {} is left to the reaper: {}", id, runId, ex.getMessage());
			}
		}
	}

	Optional<StackRow> find(UUID id) {
		return jdbc.sql("select * from stack where id = ?").param(id).query(StackRecords::row).optional();
	}

	/**
	 * Stacks of this placement that must go: their run ended, they were idle past their limit, or the node that started
	 * them stopped sending heartbeats (it crashed).
	 */
	List<StackRow> toReap(String placement, Duration orphanAfter) {
		return jdbc.sql("""
				select * from stack
				where host = ? and state <> 'STOPPED'
				  and (run_ended_at is not null
				       or last_activity_at < now() - make_interval(secs => idle_limit_s)
				       or heartbeat_at < now() - make_interval(secs => ?))
				""").params(placement, (double) orphanAfter.toSeconds()).query(StackRecords::row).list();
	}

	/**
	 * Stacks of this placement that a dead process of this node started: their owner is an earlier id of the node
	 * ({@code prefix}), which only a process that has ended can have had while this one holds the node's lock.
	 */
	List<StackRow> leftByPredecessors(String placement, String prefix, String nodeId) {
		return jdbc.sql("""
				select * from stack
				where host = ? and state <> 'STOPPED' and starts_with(node_id, ?) and node_id <> ?
				""").params(placement, prefix, nodeId).query(StackRecords::row).list();
	}

	/** Those of these stacks that have a row and are not stopped. */
	Set<UUID> notStopped(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select id from stack where state <> 'STOPPED' and id = any(?::uuid[])")
			.param(ids.stream().map(UUID::toString).toArray(String[]::new))
			.query(UUID.class)
			.list());
	}

	/**
	 * The stack as the platform sees it, from its rows: every service listens on the stack's address, on the port
	 * recorded for it (a port in the stack's network namespace, or the port a container publishes on 127.0.0.1).
	 */
	Optional<Stack> stack(UUID id) {
		return find(id).map(row -> {
			var replicas = new ArrayList<Stack.Replica>();
			Stack.Endpoint balancer = null;
			Stack.DatabaseAccess database = null;
			for (var process : processes(id)) {
				if (StackServices.isApp(process.service())) {
					replicas.add(new Stack.Replica(StackServices.appIndex(process.service()), process.port(),
							process.pid()));
				}
				else if (process.service().equals(StackServices.BALANCER)) {
					balancer = new Stack.Endpoint(row.address(), process.port());
				}
				else if (process.service().equals(StackServices.DATABASE)) {
					database = new Stack.DatabaseAccess(
							"jdbc:postgresql://" + row.address() + ":" + process.port() + "/" + row.databaseName(),
							StackDatabases.SUPERUSER, credentials.superuser(id), row.databaseName(), process.port(),
							process.pid());
				}
			}
			replicas.sort(Comparator.comparingInt(Stack.Replica::index));
			Stack.Endpoint entrypoint = balancer != null ? balancer
					: replicas.isEmpty() ? null : new Stack.Endpoint(row.address(), replicas.get(0).port());
			return new Stack(row.id(), row.ownerId(), row.runId(), row.scenarioId(), row.state(), entrypoint, database,
					List.copyOf(replicas), row.failure(), limitsHit(id));
		});
	}

	private static StackRow row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new StackRow(rs.getObject("id", UUID.class), rs.getString("owner_id"), rs.getString("run_id"),
				rs.getString("scenario_id"), StackState.valueOf(rs.getString("state")), Path.of(rs.getString("directory")),
				rs.getString("database_name"), rs.getString("address"), rs.getString("failure"));
	}

}
