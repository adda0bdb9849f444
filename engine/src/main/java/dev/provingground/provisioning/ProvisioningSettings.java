package dev.provingground.provisioning;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * How stacks are provisioned.
 *
 * @param mode {@code local} (processes on this machine, the default) or {@code docker} (containers)
 * @param cacheDir seeded database templates and npm installs, per scenario version; defaults to {@code <data>/cache}
 * @param stacksDir each stack's database, logs and balancer config; defaults to {@code <data>/stacks}
 * @param startTimeout how long a service may take to become healthy
 * @param heartbeat how often this platform node tells the database that its stacks are alive
 * @param orphanAfter a stack whose node sent no heartbeat for this long was orphaned by a crash, and is reaped
 * @param reaperInterval how often the reaper looks for stacks to remove
 * @param node the Node.js executable; {@code npm} is looked up beside it on the PATH
 * @param nginx the nginx executable
 * @param limits what each stack's services may use, in both modes
 * @param sandbox how local stacks are kept apart
 * @param docker the Docker provisioner's settings
 */
@ConfigurationProperties("provingground.provisioning")
record ProvisioningSettings(@DefaultValue("local") String mode, @Nullable Path cacheDir, @Nullable Path stacksDir,
		@DefaultValue("60s") Duration startTimeout, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("2m") Duration orphanAfter, @DefaultValue("30s") Duration reaperInterval,
		@DefaultValue("node") String node, @DefaultValue("npm") String npm, @DefaultValue("nginx") String nginx,
		@DefaultValue Limits limits, @DefaultValue Sandbox sandbox, @DefaultValue Docker docker) {

	ProvisioningSettings {
		if (!mode.equals("local") && !mode.equals("docker")) {
			throw new IllegalArgumentException(
					"provingground.provisioning.mode is 'local' or 'docker', not '" + mode + "'");
		}
	}

	/**
	 * The ceilings of every stack's services. A process that runs into one harms only its own stack, and the learner is
	 * told which ceiling it was.
	 *
	 * @param databaseMemory, appMemory, balancerMemory each service's memory (an app's per replica), its temp files
	 * included
	 * @param pids how many processes and threads each service may run
	 * @param tempSize the size of each service's private {@code /tmp}
	 * @param fileSize the largest file a service may write, its log included
	 * @param cpus how many CPUs each service may use (the database, the balancer, an app replica whose scenario sets no
	 * {@code cpu_limit} of its own), so that a busy loop leaves the rest of the machine to others
	 * @param databaseDisk how much the stack's database may hold on disk; past it, the database is stopped (the
	 * platform looks at every heartbeat, so a fast writer may overshoot by what it writes in one)
	 */
	record Limits(@DefaultValue("1GB") DataSize databaseMemory, @DefaultValue("512MB") DataSize appMemory,
			@DefaultValue("128MB") DataSize balancerMemory, @DefaultValue("512") long pids,
			@DefaultValue("64MB") DataSize tempSize, @DefaultValue("2GB") DataSize fileSize,
			@DefaultValue("1.0") double cpus, @DefaultValue("4GB") DataSize databaseDisk) {

		Limits {
			if (pids < 16 || appMemory.toMegabytes() < 32 || databaseMemory.toMegabytes() < 64
					|| balancerMemory.toMegabytes() < 16 || tempSize.toMegabytes() < 1 || fileSize.toMegabytes() < 16
					|| databaseDisk.toMegabytes() < 64 || !(cpus >= 0.1)) {
				throw new IllegalArgumentException("provingground.provisioning.limits are too small to run a stack: pids "
						+ "at least 16, memory at least 64MB (database), 32MB (app), 16MB (balancer), temp-size 1MB, "
						+ "file-size 16MB, database-disk 64MB and cpus 0.1");
			}
		}

		/** The CPU ceiling of a service: the scenario's own for an app replica, when it sets one. */
		double cpusOf(String service, Double scenarioCeiling) {
			return StackServices.isApp(service) && scenarioCeiling != null ? scenarioCeiling : cpus;
		}

		/** The sum of the CPU ceilings of a stack's services with this many replicas. */
		double ceilingOf(StackSpec spec, int replicas) {
			return replicas * cpusOf(StackServices.app(0), spec.app().cpuLimit()) + cpus
					+ (spec.balancer() != null ? cpus : 0);
		}

		/** The memory ceiling of {@code database}, {@code balancer} or an app replica. */
		DataSize memoryOf(String service) {
			return service.equals(StackServices.DATABASE) ? databaseMemory
					: service.equals(StackServices.BALANCER) ? balancerMemory : appMemory;
		}

	}

	/**
	 * Local stacks' sandboxes.
	 *
	 * @param network the IPv4 network that each local stack gets a /30 of, on the link between the host and the
	 * stack's network namespace; traffic to it never leaves this machine
	 * @param sharedCpus how many CPUs (the first ones) stacks that are not being measured run on, beside the platform;
	 * a stack under a load run or its checks may use every CPU, so no idle or runaway stack slows a measurement
	 */
	record Sandbox(@DefaultValue("10.213.0.0/16") String network, @DefaultValue("1") int sharedCpus) {

		Sandbox {
			if (sharedCpus < 1) {
				throw new IllegalArgumentException("provingground.provisioning.sandbox.shared-cpus is at least 1, not "
						+ sharedCpus);
			}
		}

	}

	/**
	 * The Docker provisioner. A manifest may name a service's image; these are the images when it does not.
	 *
	 * @param host the Docker host, such as {@code unix:///var/run/docker.sock} or {@code tcp://builder:2376}; when
	 * unset, {@code DOCKER_HOST} and then the local socket (with {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}
	 * for TLS)
	 * @param databaseImage a PostgreSQL image that behaves as the official one does ({@code PGDATA},
	 * {@code POSTGRES_HOST_AUTH_METHOD}, the command {@code postgres -c name=value ...})
	 * @param appImage the app's runtime, such as a Node.js image
	 * @param balancerImage an nginx image
	 * @param toolsImage the learner's terminal: bash, psql, curl, node and ps ({@code docker/stack-images/build
	 * proving-ground/stack-tools:1} builds one)
	 * @param pullTimeout how long pulling a missing image may take
	 */
	record Docker(@Nullable String host, @DefaultValue("postgres:17.6") String databaseImage,
			@DefaultValue("node:20-bookworm-slim") String appImage, @DefaultValue("nginx:1.27") String balancerImage,
			@DefaultValue("proving-ground/stack-tools:1") String toolsImage, @DefaultValue("10m") Duration pullTimeout) {
	}

}
