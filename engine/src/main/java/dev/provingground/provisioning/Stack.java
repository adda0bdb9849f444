package dev.provingground.provisioning;

import java.util.List;
import java.util.UUID;

/**
 * A provisioned stack as the rest of the platform sees it.
 *
 * @param entrypoint where load and checks go: the balancer when there is one, else the first replica
 * @param database how the platform itself reaches the stack's database (as superuser, for checks and telemetry)
 * @param replicas the app replicas
 * @param failure why provisioning failed, or null
 * @param limitsHit the ceilings its services ran into, oldest first
 */
public record Stack(UUID id, String ownerId, String runId, String scenarioId, StackState state, Endpoint entrypoint,
		DatabaseAccess database, List<Replica> replicas, String failure, List<LimitHit> limitsHit) {

	public record Endpoint(String host, int port) {
	}

	/**
	 * @param jdbcUrl a JDBC URL of the stack's database; {@code user} is a superuser of the stack's cluster, whose
	 * {@code password} only the platform knows
	 */
	public record DatabaseAccess(String jdbcUrl, String user, String password, String databaseName, int port, long pid) {
	}

	/** @param pid the operating-system process id of the replica, for telemetry */
	public record Replica(int index, int port, long pid) {
	}

}
