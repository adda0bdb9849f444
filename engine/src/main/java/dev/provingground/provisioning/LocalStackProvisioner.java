package dev.provingground.provisioning;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.provingground.platform.PlatformSettings;
import dev.provingground.provisioning.StackDatabases.RunningDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stacks as processes on this machine, on loopback ports: a PostgreSQL cluster, the app replicas started from the
 * run's workspace, and nginx when the stack has a balancer. What runs is recorded in PostgreSQL, so that teardown and
 * the reaper work from the records even after this platform process crashed.
 */
class LocalStackProvisioner implements NodeProvisioner {

	private static final Logger log = LoggerFactory.getLogger(LocalStackProvisioner.class);

	private static final Duration STOP_GRACE = Duration.ofSeconds(5);

	private final StackRecords records;

	private final ProvisioningSettings settings;

	private final Path stacksDir;

	private final StackDatabases databases;

	private final NpmInstalls npm;

	private final String host;

	private final String nodeId;

	private final Map<UUID, LiveStack> live = new ConcurrentHashMap<>();

	private final HealthProbe health;

	/** What this platform process started for a stack, to stop it gracefully and to restart the app. */
	private static final class LiveStack {

		final StackRequest request;

		final Path dir;

		RunningDatabase database;

		final Map<Integer, Process> replicas = new HashMap<>();

		final List<Integer> replicaPorts = new ArrayList<>();

		Process balancer;

		BalancerTraffic traffic;

		LiveStack(StackRequest request, Path dir) {
			this.request = request;
			this.dir = dir;
		}

	}

	LocalStackProvisioner(StackRecords records, ProvisioningSettings settings, Path stacksDir, Path cacheDir,
			String nodeId) {
		this.records = records;
		this.settings = settings;
		this.stacksDir = stacksDir;
		this.databases = new StackDatabases(cacheDir);
		this.npm = new NpmInstalls(cacheDir, settings.npm());
		this.host = PlatformSettings.hostName();
		this.nodeId = nodeId;
		this.health = new HealthProbe(settings.startTimeout());
	}

	@Override
	public String nodeId() {
		return nodeId;
	}

	@Override
	public String placement() {
		return host;
	}

	/** Every process of a stack is recorded before it starts: there is nothing the records miss. */
	@Override
	public int removeLeftovers() {
		return 0;
	}

	@Override
	public Stack provision(StackRequest request) {
		request.requireStartable();
		UUID id = UUID.randomUUID();
		Path dir = stacksDir.resolve(id.toString());
		records.insert(id, request, host, nodeId, dir);
		var stack = new LiveStack(request, dir);
		live.put(id, stack);
		long started = System.nanoTime();
		try {
			Files.createDirectories(dir.resolve("logs"));
			stack.database = databases.start(request, dir.resolve("pgdata"), logOf(dir, StackServices.DATABASE));
			records.recordProcess(id, StackServices.DATABASE, stack.database.port(),
					StackDatabases.postmasterPid(stack.database.dataDir()));
			npm.link(request.workspace());
			var app = request.spec().app();
			for (int replica = 0; replica < app.replicas(); replica++) {
				stack.replicaPorts.add(freePort());
			}
			startReplicas(id, stack);
			if (request.spec().balancer() != null) {
				startBalancer(id, stack, freePort());
			}
			records.markReady(id);
			log.info("Stack {} of scenario {} for {} is ready ({} ms)", id, request.scenarioId(), request.ownerId(),
					(System.nanoTime() - started) / 1_000_000);
			return find(id).orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			String failure = StackProvisioningException.describe("Provisioning", ex);
			log.warn("Stack {} of scenario {} failed: {}", id, request.scenarioId(), failure);
			stopProcesses(id);
			records.markFailed(id, failure);
			throw new StackProvisioningException(failure, ex);
		}
	}

	@Override
	public Stack restartApp(UUID stackId, int replicas) {
		LiveStack stack = live.get(stackId);
		if (stack == null) {
			throw new StackOnAnotherNodeException(stackId);
		}
		if (replicas < 1 || (replicas > 1 && stack.request.spec().balancer() == null)) {
			throw new StackProvisioningException("This stack can run " + (stack.request.spec().balancer() == null
					? "only 1 replica" : "1 or more replicas") + ", not " + replicas);
		}
		synchronized (stack) {
			stack.replicas.values().forEach(process -> OsProcesses.stop(process.pid(), "TERM", STOP_GRACE));
			stack.replicas.clear();
			try {
				boolean rescaled = replicas != stack.replicaPorts.size();
				while (stack.replicaPorts.size() > replicas) {
					records.forgetProcess(stackId, StackServices.app(stack.replicaPorts.size() - 1));
					stack.replicaPorts.remove(stack.replicaPorts.size() - 1);
				}
				while (stack.replicaPorts.size() < replicas) {
					stack.replicaPorts.add(freePort());
				}
				removeCpuGroups(stackId);
				npm.link(stack.request.workspace());
				startReplicas(stackId, stack);
				if (rescaled && stack.balancer != null) {
					int port = records.processes(stackId).stream()
						.filter(process -> process.service().equals(StackServices.BALANCER))
						.findFirst()
						.orElseThrow()
						.port();
					OsProcesses.stop(stack.balancer.pid(), "TERM", STOP_GRACE);
					startBalancer(stackId, stack, port);
				}
			}
			catch (IOException | RuntimeException ex) {
				String failure = StackProvisioningException.describe("Restarting the app", ex);
				records.markFailed(stackId, failure);
				throw new StackProvisioningException(failure, ex);
			}
			records.markReady(stackId);
		}
		return find(stackId).orElseThrow();
	}

	@Override
	public void tearDown(UUID stackId) {
		var row = records.find(stackId);
		if (row.isEmpty() || row.get().state() == StackState.STOPPED) {
			return;
		}
		stopProcesses(stackId);
		try {
			StackDatabases.deleteRecursively(row.get().directory());
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Stack " + stackId + " stopped, but its files in "
					+ row.get().directory() + " could not be removed: " + ex.getMessage(), ex);
		}
		records.markStopped(stackId);
		log.info("Stack {} torn down", stackId);
	}

	/**
	 * Stops the stack's processes: gracefully those this process started, then by pid every recorded one that still
	 * runs, which covers stacks left behind by a crash.
	 */
	private void stopProcesses(UUID stackId) {
		LiveStack stack = live.remove(stackId);
		if (stack != null) {
			synchronized (stack) {
				if (stack.balancer != null) {
					OsProcesses.stop(stack.balancer.pid(), "TERM", STOP_GRACE);
				}
				stack.replicas.values().forEach(process -> OsProcesses.stop(process.pid(), "TERM", STOP_GRACE));
				if (stack.database != null) {
					databases.stop(stack.database);
				}
			}
		}
		for (var process : records.processes(stackId)) {
			if (!process.service().equals(StackServices.DATABASE) && OsProcesses.belongsTo(process.pid(), stackId)) {
				OsProcesses.stop(process.pid(), "KILL", STOP_GRACE);
			}
		}
		records.find(stackId).ifPresent(row -> {
			Path dataDir = row.directory().resolve("pgdata");
			StackDatabases.stopOrphan(dataDir);
			// pg_ctl returns once the pid file is gone, a moment before the postmaster has ended: wait for that.
			records.processes(stackId).stream()
				.filter(process -> process.service().equals(StackServices.DATABASE))
				.forEach(process -> OsProcesses.awaitEnd(process.pid(), STOP_GRACE));
		});
		removeCpuGroups(stackId);
	}

	@Override
	public Optional<Stack> find(UUID stackId) {
		return records.stack(stackId);
	}

	@Override
	public List<String> tail(UUID stackId, String service, int lines) {
		StackServices.requireName(service);
		var row = records.find(stackId)
			.orElseThrow(() -> new StackProvisioningException("There is no stack " + stackId));
		return OsProcesses.tail(logOf(row.directory(), service), Math.min(lines, 1000));
	}

	@Override
	public List<ReplicaUsage> replicaUsage(UUID stackId) {
		LiveStack stack = live.get(stackId);
		if (stack == null) {
			return List.of();
		}
		List<ReplicaUsage> usage = new ArrayList<>();
		synchronized (stack) {
			stack.replicas.forEach((index, process) -> {
				long[] measured = OsProcesses.cpuNanosAndRssBytes(process.pid());
				if (measured != null) {
					usage.add(new ReplicaUsage(index, measured[0], measured[1]));
				}
			});
		}
		usage.sort(java.util.Comparator.comparingInt(ReplicaUsage::index));
		return usage;
	}

	@Override
	public Map<Integer, Long> requestsPerReplica(UUID stackId) {
		LiveStack stack = live.get(stackId);
		if (stack == null || stack.traffic == null) {
			return Map.of();
		}
		return stack.traffic.count();
	}

	@Override
	public void touch(UUID stackId) {
		records.touch(stackId);
	}

	@Override
	public void runEnded(String runId) {
		records.markRunEnded(runId);
	}

	/** Tears down every stack this process started: they could not be reached after it stops anyway. */
	void tearDownAll() {
		for (UUID id : List.copyOf(live.keySet())) {
			try {
				tearDown(id);
			}
			catch (RuntimeException ex) {
				log.warn("Tearing down stack {} failed: {}", id, ex.getMessage());
			}
		}
	}

	private void startReplicas(UUID id, LiveStack stack) throws IOException {
		var app = stack.request.spec().app();
		CpuLimits cpuLimits = app.cpuLimit() == null ? null : requireCpuLimits();
		for (int index = 0; index < stack.replicaPorts.size(); index++) {
			int port = stack.replicaPorts.get(index);
			String service = StackServices.app(index);
			var env = new HashMap<>(app.env());
			env.put("HOST", "127.0.0.1");
			env.put("PORT", Integer.toString(port));
			env.put("DATABASE_URL", stack.database.appUrl());
			List<String> command = app.command();
			if (cpuLimits != null) {
				Path procs = cpuLimits.create(id + "-" + service, app.cpuLimit());
				// The shell joins the group before it becomes the app, so not one instruction runs unlimited.
				command = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", procs.toString()));
				command.addAll(app.command());
			}
			Process process = OsProcesses.start(command, stack.request.workspace(), env, logOf(stack.dir, service), id);
			stack.replicas.put(index, process);
			records.recordProcess(id, service, port, process.pid());
		}
		for (int index = 0; index < stack.replicaPorts.size(); index++) {
			awaitHealthy(StackServices.app(index), stack.replicas.get(index), stack.replicaPorts.get(index), app.healthPath(),
					stack.dir);
		}
	}

	private void removeCpuGroups(UUID stackId) {
		var cpuLimits = CpuLimits.detect();
		if (cpuLimits != null) {
			cpuLimits.removeAll(stackId.toString());
		}
	}

	private void startBalancer(UUID id, LiveStack stack, int port) throws IOException {
		stack.balancer = NginxBalancer.start(settings.nginx(), id, stack.dir, port, stack.replicaPorts,
				stack.request.spec().balancer().method(), logOf(stack.dir, StackServices.BALANCER));
		records.recordProcess(id, StackServices.BALANCER, port, stack.balancer.pid());
		stack.traffic = new BalancerTraffic(NginxBalancer.accessLog(stack.dir), stack.replicaPorts);
		awaitHealthy(StackServices.BALANCER, stack.balancer, port, stack.request.spec().app().healthPath(), stack.dir);
	}

	/** Waits until the service answers 2xx on its health path; fails at once when its process ends. */
	private void awaitHealthy(String service, Process process, int port, String healthPath, Path dir) {
		health.await(service, port, healthPath, () -> {
			if (!process.isAlive()) {
				throw new StackProvisioningException(service + " exited with code " + process.exitValue()
						+ " before it became healthy. Its last output:\n" + lastLines(dir, service));
			}
		}, () -> lastLines(dir, service));
	}

	private static String lastLines(Path dir, String service) {
		return String.join("\n", OsProcesses.tail(logOf(dir, service), 20));
	}

	private static Path logOf(Path dir, String service) {
		return dir.resolve("logs").resolve(service + ".log");
	}

	private static CpuLimits requireCpuLimits() {
		var limits = CpuLimits.detect();
		if (limits == null) {
			throw new StackProvisioningException("This scenario limits the app's CPU, which needs a writable cgroup "
					+ "cpu controller (cgroup v2 with 'cpu' enabled, or cgroup v1 at /sys/fs/cgroup/cpu); this machine "
					+ "has neither. Run the platform as root, or with the Docker provisioner.");
		}
		return limits;
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
	}

}
