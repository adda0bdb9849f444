package dev.provingground.provisioning;

import java.util.List;
import java.util.Properties;
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

		/** The most a query's answer may hold: the learner shapes the data, and it must not fill the platform's memory. */
		public static final String MAX_ANSWER = "16M";

		/** How the platform logs in as the superuser: see {@link #loginAs}. */
		public Properties platformLogin() {
			return loginAs(user, password, "provingground");
		}

		/**
		 * How the platform logs in to a learner's database as a role: within a time limit, and reading no answer
		 * larger than {@value #MAX_ANSWER}B (the driver refuses it before it holds it).
		 */
		public static Properties loginAs(String role, String password, String applicationName) {
			var properties = new Properties();
			properties.setProperty("user", role);
			properties.setProperty("password", password);
			properties.setProperty("loginTimeout", "10");
			properties.setProperty("connectTimeout", "10");
			properties.setProperty("maxResultBuffer", MAX_ANSWER);
			properties.setProperty("ApplicationName", applicationName);
			return properties;
		}

	}

	/** @param pid the operating-system process id of the replica, for telemetry */
	public record Replica(int index, int port, long pid) {
	}

}
