package dev.provingground.provisioning;

import java.util.List;
import java.util.Map;

/**
 * What a scenario's stack consists of, as its manifest declares it.
 *
 * @param database the PostgreSQL the app uses
 * @param app the learner's app, started from the run's workspace
 * @param balancer an nginx in front of the app replicas, or null when the app is reached directly
 */
public record StackSpec(DatabaseSpec database, AppSpec app, BalancerSpec balancer) {

	/**
	 * @param name the database the app connects to
	 * @param seedFiles SQL files of the scenario package, run in order, once per scenario version
	 * @param settings PostgreSQL server settings, such as {@code max_connections}
	 * @param role the role the app connects as; it owns the seeded tables
	 * @param connectionLimit the role's connection limit, or null for none
	 * @param image the PostgreSQL image the Docker provisioner runs, or null for the deployment's default
	 */
	public record DatabaseSpec(String name, List<String> seedFiles, Map<String, String> settings, String role,
			Integer connectionLimit, String image) {

		public DatabaseSpec {
			seedFiles = List.copyOf(seedFiles);
			settings = Map.copyOf(settings);
		}

	}

	/**
	 * @param starter the folder of the scenario package that a new workspace starts from
	 * @param command the command that starts one replica, run in the workspace, for example {@code node server.js}
	 * @param replicas how many copies run, each on its own port
	 * @param cpuLimit CPUs each replica may use (0.5 is half a core), or null for no limit
	 * @param healthPath the path that answers 2xx once a replica is ready
	 * @param env extra environment; the platform adds {@code DATABASE_URL}, and {@code HOST} and {@code PORT} to listen on
	 * @param image the image with the app's runtime that the Docker provisioner runs, or null for the deployment's
	 * default
	 */
	public record AppSpec(String starter, List<String> command, int replicas, Double cpuLimit, String healthPath,
			Map<String, String> env, String image) {

		public AppSpec {
			command = List.copyOf(command);
			env = Map.copyOf(env);
		}

		public AppSpec withReplicas(int count) {
			return new AppSpec(starter, command, count, cpuLimit, healthPath, env, image);
		}

		public AppSpec withCpuLimit(Double limit) {
			return new AppSpec(starter, command, replicas, limit, healthPath, env, image);
		}

	}

	/**
	 * @param method {@code round_robin} or {@code least_conn}
	 * @param image the nginx image the Docker provisioner runs, or null for the deployment's default
	 */
	public record BalancerSpec(String method, String image) {
	}

}
