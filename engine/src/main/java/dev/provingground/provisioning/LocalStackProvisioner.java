package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.Programs;
import dev.provingground.provisioning.StackDatabases.RunningDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Stacks as processes on this machine: a PostgreSQL cluster, the app replicas started from the run's workspace, and
 * nginx when the stack has a balancer, each in the stack's sandbox ({@link Sandbox}): the stack's own network
 * namespace, user and cgroups. The platform reaches them on the stack's address. What runs is recorded in PostgreSQL,
 * so that teardown and the reaper work from the records even after this platform process crashed.
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

	private final StackNetworks networks;

	private final StackCgroups cgroups;

	private final StackCredentials credentials;

	private final Path cacheDir;

	/** Replica N listens on this port plus N inside its stack, so the balancer's log tells replicas apart. */
	static final int APP_PORT = 3000;

	static final int BALANCER_PORT = 8080;

	private static final String NGINX_MISSING = "This stack has a load balancer, which needs nginx, and '%s' is not "
			+ "found here: apt-get install nginx (or set provingground.provisioning.nginx)";

	/** What this platform process started for a stack, to stop it gracefully and to restart the app. */
	private static final class LiveStack {

		final StackRequest request;

		final Path dir;

		final String address;

		final int uid;

		RunningDatabase database;

		final Map<Integer, Process> replicas = new HashMap<>();

		final List<Integer> replicaPorts = new ArrayList<>();

		Process balancer;

		BalancerTraffic traffic;

		/** How often each service had hit each ceiling at the last look, by {@code service/limit}. */
		final Map<String, Long> hitsSeen = new HashMap<>();

		/** How many measurements of the stack are open. */
		int measurements;

		LiveStack(StackRequest request, Path dir, String address, int uid) {
			this.request = request;
			this.dir = dir;
			this.address = address;
			this.uid = uid;
		}

	}

	LocalStackProvisioner(StackRecords records, ProvisioningSettings settings, Path stacksDir, Path cacheDir,
			String nodeId, StackCredentials credentials) {
		this.records = records;
		this.settings = settings;
		this.stacksDir = stacksDir;
		this.cacheDir = cacheDir;
		this.credentials = credentials;
		this.databases = new StackDatabases(cacheDir, credentials.template());
		this.npm = new NpmInstalls(cacheDir, settings.npm());
		this.host = PlatformSettings.hostName();
		this.nodeId = nodeId;
		this.health = new HealthProbe(settings.startTimeout());
		this.networks = new StackNetworks(settings.sandbox().network(), Path.of("/run/provingground-networks.lock"));
		this.cgroups = StackCgroups.detect().map(found -> found.sharing(settings.sandbox().sharedCpus())).orElse(null);
		if (cgroups != null && Sandbox.missingPrograms().isEmpty()) {
			SandboxFirewall.install(stacksDir.resolve(".firewall"));
			networks.keepPoolOnThisMachine();
		}
		List<String> terminalTools = SandboxShell.missingTools();
		if (!terminalTools.isEmpty()) {
			log.warn("The learners' terminal lacks tools of this host; they will be missing in it until you run: "
					+ "apt-get install {}", String.join(" ", terminalTools));
		}
	}

	/** Why this machine cannot run sandboxed stacks, with what to install; empty when it can. */
	static java.util.Optional<String> unavailable() {
		List<String> missing = Sandbox.missingPrograms();
		if (!missing.isEmpty()) {
			return java.util.Optional.of("Local stacks run in a sandbox, which needs " + String.join(", ", missing)
					+ ": apt-get install " + String.join(" ", missing));
		}
		if (StackCgroups.detect().isEmpty()) {
			return java.util.Optional.of(StackCgroups.unavailableReason());
		}
		return java.util.Optional.empty();
	}

	@Override
	public String nodeId() {
		return nodeId;
	}

	@Override
	public Optional<String> stackNetwork() {
		return Optional.of(settings.sandbox().network());
	}

	@Override
	public String placement() {
		return host;
	}

	@Override
	public Optional<String> cannotRun(StackSpec spec) {
		var sandbox = unavailable();
		if (sandbox.isPresent()) {
			return sandbox;
		}
		if (spec.balancer() != null && Programs.which(settings.nginx()).isEmpty()) {
			return Optional.of(NGINX_MISSING.formatted(settings.nginx()));
		}
		return Optional.empty();
	}

	@Override
	public Stack provision(StackRequest request) {
		request.requireStartable();
		requireSandbox();
		cannotRun(request.spec()).ifPresent(reason -> {
			throw new StackProvisioningException(reason);
		});
		UUID id = UUID.randomUUID();
		Path dir = stacksDir.resolve(id.toString());
		records.insert(id, request, host, nodeId, dir);
		long started = System.nanoTime();
		try {
			// The directory first: it is what marks the stack's network and cgroups as this platform's (see removeLeftovers).
			Files.createDirectories(dir.resolve("logs"));
			String address = networks.create(id);
			records.recordAddress(id, address);
			var stack = new LiveStack(request, dir, address, Sandbox.UID_BASE + networks.slotOf(address));
			live.put(id, stack);
			Path pgdata = dir.resolve("pgdata");
			stack.database = databases.start(request, pgdata, logOf(dir, StackServices.DATABASE),
					sandbox(stack, id, StackServices.DATABASE, pgdata, List.of(PostgresBinaries.home()), List.of(pgdata),
							limits().databaseMemory()),
					address, credentials, id);
			records.recordProcess(id, StackServices.DATABASE, stack.database.port(), stack.database.process().pid());
			npm.link(request.workspace(), request.packageDir().resolve(request.spec().app().starter()));
			for (int replica = 0; replica < request.spec().app().replicas(); replica++) {
				stack.replicaPorts.add(APP_PORT + replica);
			}
			startReplicas(id, stack);
			if (request.spec().balancer() != null) {
				startBalancer(id, stack);
			}
			records.markReady(id);
			log.info("Stack {} of scenario {} for {} is ready on {} ({} ms)", id, request.scenarioId(), request.ownerId(),
					address, (System.nanoTime() - started) / 1_000_000);
			return find(id).orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			String failure = StackProvisioningException.describe("Provisioning", ex);
			log.warn("Stack {} of scenario {} failed: {}", id, request.scenarioId(), failure,
					ex instanceof StackProvisioningException ? null : ex);
			stopProcesses(id);
			records.markFailed(id, failure);
			throw new StackProvisioningException(failure, ex);
		}
	}

	@Override
	public StackShell openShell(UUID stackId, int cols, int rows) {
		LiveStack stack = live.get(stackId);
		if (stack == null) {
			throw new StackOnAnotherNodeException(stackId);
		}
		synchronized (stack) {
			if (stack.database == null) {
				throw new StackProvisioningException("The stack has no database running now");
			}
			try {
				Path workspace = stack.request.workspace().toRealPath();
				List<Path> readable = new ArrayList<>(List.of(workspace));
				npm.installOf(workspace).ifPresent(readable::add);
				readable.addAll(runtimeDirs());
				Sandbox sandbox = sandbox(stack, stackId, StackServices.TERMINAL, workspace, readable, List.of(),
						limits().appMemory());
				String app = "127.0.0.1:" + (stack.replicaPorts.isEmpty() ? APP_PORT : stack.replicaPorts.get(0));
				Map<String, String> env = StackShell.environment(StackConsoles.environment("127.0.0.1",
						StackDatabases.PORT, stack.database.name(), credentials.console(stackId)), app,
						stack.balancer == null ? null : "127.0.0.1:" + BALANCER_PORT);
				return new SandboxShell(OsProcesses.startPiped(sandbox.wrap(SandboxShell.command(cols, rows)), workspace,
						env, stackId));
			}
			catch (IOException ex) {
				throw new StackProvisioningException("The terminal could not start: " + ex.getMessage(), ex);
			}
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
			stopReplicas(stackId, stack);
			try {
				boolean rescaled = replicas != stack.replicaPorts.size();
				while (stack.replicaPorts.size() > replicas) {
					records.forgetProcess(stackId, StackServices.app(stack.replicaPorts.size() - 1));
					stack.replicaPorts.remove(stack.replicaPorts.size() - 1);
				}
				while (stack.replicaPorts.size() < replicas) {
					stack.replicaPorts.add(APP_PORT + stack.replicaPorts.size());
				}
				npm.link(stack.request.workspace(),
						stack.request.packageDir().resolve(stack.request.spec().app().starter()));
				startReplicas(stackId, stack);
				if (rescaled && stack.balancer != null) {
					cgroups.remove(stackId.toString(), StackServices.BALANCER);
					startBalancer(stackId, stack);
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
		if (!row.get().directory().startsWith(stacksDir)) {
			// A restored backup's record of a stack that its original installation ran: whatever runs for it is not ours.
			log.warn("Stack {} was recorded in {}, outside this platform's stacks directory {}: its record is closed, and "
					+ "nothing is stopped or removed for it", stackId, row.get().directory(), stacksDir);
			records.markStopped(stackId);
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
	 * Stops every process of the stack through its cgroups (whatever they forked, and whichever platform process
	 * started them, a crashed one included) and removes its network.
	 */
	private void stopProcesses(UUID stackId) {
		LiveStack stack = live.remove(stackId);
		if (cgroups != null) {
			if (stack != null) {
				synchronized (stack) {
					// The database last and with SIGINT, its fast shutdown: clients are cut off, nothing waits.
					for (String service : cgroups.services(stackId.toString())) {
						if (!service.equals(StackServices.DATABASE)) {
							cgroups.stop(stackId.toString(), service, "TERM", STOP_GRACE.toMillis());
						}
					}
					cgroups.stop(stackId.toString(), StackServices.DATABASE, "INT", 10_000);
				}
			}
			cgroups.removeStack(stackId.toString());
		}
		networks.remove(stackId);
	}

	/**
	 * Stacks of this platform (they have a directory in its stacks directory: other platforms on the same host have
	 * their own, and their own records) whose processes or network outlived their row, such as after a crash.
	 */
	@Override
	public int removeLeftovers() {
		Set<UUID> found = new HashSet<>(StackNetworks.present());
		if (cgroups != null) {
			for (String stack : cgroups.stacks()) {
				try {
					found.add(UUID.fromString(stack));
				}
				catch (IllegalArgumentException ex) {
					// not a stack's group
				}
			}
		}
		found.removeIf(id -> !Files.isDirectory(stacksDir.resolve(id.toString())));
		found.removeAll(records.notStopped(found));
		found.removeAll(live.keySet());
		for (UUID id : found) {
			stopProcesses(id);
			try {
				StackDatabases.deleteRecursively(stacksDir.resolve(id.toString()));
			}
			catch (IOException ex) {
				log.warn("The files of leftover stack {} could not be removed: {}", id, ex.getMessage());
			}
		}
		return found.size();
	}

	@Override
	public Optional<Stack> find(UUID stackId) {
		return records.stack(stackId);
	}

	@Override
	public Measurement measure(UUID stackId) {
		LiveStack stack = live.get(stackId);
		if (stack == null || cgroups == null) {
			return () -> {
			};
		}
		synchronized (stack) {
			if (stack.measurements++ == 0) {
				cgroups.measure(stackId.toString(), true);
			}
		}
		return new Measurement() {

			private boolean closed;

			@Override
			public void close() {
				synchronized (stack) {
					if (closed) {
						return;
					}
					closed = true;
					if (--stack.measurements == 0 && live.get(stackId) == stack) {
						cgroups.measure(stackId.toString(), false);
					}
				}
			}

		};
	}

	@Override
	public CpuStall cpuStall(UUID stackId) {
		if (cgroups == null) {
			return CpuStall.ofHost();
		}
		return CpuStall.of(cgroups.stall(stackId.toString()));
	}

	@Override
	public double cpuCeiling(UUID stackId) {
		return records.cpuCeiling(stackId, settings.limits());
	}

	@Override
	public void watchLimits() {
		if (cgroups == null) {
			return;
		}
		live.forEach((id, stack) -> {
			synchronized (stack) {
				if (live.get(id) != stack) {
					return; // torn down meanwhile
				}
				for (String service : cgroups.services(id.toString())) {
					var usage = cgroups.usage(id.toString(), service);
					noteHits(id, stack, service, LimitHit.MEMORY, usage.oomKills(),
							LimitHit.memoryMessage(service, limits().memoryOf(service).toMegabytes()));
					noteHits(id, stack, service, LimitHit.PROCESSES, usage.pidsRefused(),
							LimitHit.processesMessage(service, limits().pids()));
				}
				if (stack.database != null && !stack.hitsSeen.containsKey(StackServices.DATABASE + "/" + LimitHit.DISK)
						&& StackDatabases.sizeOf(stack.dir.resolve("pgdata")) > limits().databaseDisk().toBytes()) {
					cgroups.stop(id.toString(), StackServices.DATABASE, "INT", 10_000);
					noteHits(id, stack, StackServices.DATABASE, LimitHit.DISK, 1,
							LimitHit.diskMessage(limits().databaseDisk().toMegabytes()));
					log.warn("Stack {}: its database outgrew its disk limit and was stopped", id);
				}
			}
		});
	}

	/** Records a hit when the service's count of them grew since the last look (its group is new after a restart). */
	private void noteHits(UUID id, LiveStack stack, String service, String limit, long count, String message) {
		Long seen = stack.hitsSeen.put(service + "/" + limit, count);
		if (count > 0 && (seen == null || count != seen)) {
			records.recordLimitHit(id, service, limit, message);
		}
	}

	@Override
	public List<String> tail(UUID stackId, String service, int lines) {
		StackServices.requireName(service);
		var row = records.find(stackId)
			.orElseThrow(() -> new StackProvisioningException("There is no stack " + stackId));
		Path log = service.equals(StackServices.BALANCER_ACCESS) ? NginxBalancer.accessLog(row.directory())
				: logOf(row.directory(), service);
		return OsProcesses.tail(log, Math.min(lines, 1000));
	}

	@Override
	public List<ReplicaUsage> replicaUsage(UUID stackId) {
		LiveStack stack = live.get(stackId);
		if (stack == null || cgroups == null) {
			return List.of();
		}
		List<ReplicaUsage> usage = new ArrayList<>();
		synchronized (stack) {
			stack.replicas.keySet().forEach(index -> {
				var used = cgroups.usage(stackId.toString(), StackServices.app(index));
				usage.add(new ReplicaUsage(index, used.cpuNanos(), used.memoryBytes()));
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
	public void tearDownRun(String runId) {
		StackRecords.tearDownRun(records, runId, this::tearDown);
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

	private void stopReplicas(UUID id, LiveStack stack) {
		for (int index : List.copyOf(stack.replicas.keySet())) {
			cgroups.remove(id.toString(), StackServices.app(index));
		}
		stack.replicas.clear();
	}

	private void startReplicas(UUID id, LiveStack stack) throws IOException {
		var app = stack.request.spec().app();
		Path workspace = stack.request.workspace().toRealPath();
		// The stack's user reads the workspace (bound read-only): the platform may have made it private to itself.
		StackNetworks.run(List.of("chmod", "-R", "a+rX", workspace.toString()), false);
		List<Path> readable = new ArrayList<>(List.of(workspace));
		npm.installOf(workspace).ifPresent(readable::add);
		readable.addAll(runtimeDirs());
		for (int index = 0; index < stack.replicaPorts.size(); index++) {
			int port = stack.replicaPorts.get(index);
			String service = StackServices.app(index);
			var env = new HashMap<>(app.env());
			env.put("HOST", "0.0.0.0");
			env.put("PORT", Integer.toString(port));
			env.put("DATABASE_URL", stack.database.appUrl());
			Sandbox sandbox = sandbox(stack, id, service, workspace, readable, List.of(), limits().appMemory(),
					app.cpuLimit());
			Path log = logOf(stack.dir, service);
			truncateIfLarge(log);
			Process process = OsProcesses.start(sandbox.wrap(app.command()), workspace, env, log, id);
			stack.replicas.put(index, process);
			records.recordProcess(id, service, port, process.pid());
		}
		for (int index = 0; index < stack.replicaPorts.size(); index++) {
			awaitHealthy(id, StackServices.app(index), stack.replicas.get(index), stack.address,
					stack.replicaPorts.get(index), app.healthPath(), stack.dir);
		}
	}

	private void startBalancer(UUID id, LiveStack stack) throws IOException {
		Path dir = NginxBalancer.prepare(stack.dir, BALANCER_PORT, stack.replicaPorts,
				stack.request.spec().balancer().method());
		StackNetworks.run(List.of("chown", "-R", stack.uid + ":" + stack.uid, dir.toString()), false);
		Sandbox sandbox = sandbox(stack, id, StackServices.BALANCER, dir, List.of(), List.of(dir),
				limits().balancerMemory());
		String nginx = Programs.which(settings.nginx()).map(Path::toString).orElseThrow(
				() -> new StackProvisioningException(NGINX_MISSING.formatted(settings.nginx())));
		stack.balancer = OsProcesses.start(sandbox.wrap(NginxBalancer.command(nginx, dir)), dir, Map.of(),
				logOf(stack.dir, StackServices.BALANCER), id);
		records.recordProcess(id, StackServices.BALANCER, BALANCER_PORT, stack.balancer.pid());
		stack.traffic = new BalancerTraffic(NginxBalancer.accessLog(stack.dir), stack.replicaPorts);
		awaitHealthy(id, StackServices.BALANCER, stack.balancer, stack.address, BALANCER_PORT,
				stack.request.spec().app().healthPath(), stack.dir);
	}

	private Sandbox sandbox(LiveStack stack, UUID id, String service, Path workDir, List<Path> readOnly,
			List<Path> writable, DataSize memory) throws IOException {
		return sandbox(stack, id, service, workDir, readOnly, writable, memory, null);
	}

	/** @param cpus the scenario's CPU ceiling for an app replica, or null for the platform's */

	private Sandbox sandbox(LiveStack stack, UUID id, String service, Path workDir, List<Path> readOnly,
			List<Path> writable, DataSize memory, Double cpus) throws IOException {
		var limits = limits();
		List<Path> procs = cgroups.create(id.toString(), service,
				new StackCgroups.Limits(memory.toBytes(), limits.pids(), limits.cpusOf(service, cpus)));
		return new Sandbox(id, stack.uid, workDir, readOnly, writable, limits.tempSize().toBytes(),
				limits.fileSize().toBytes(), procs);
	}

	private ProvisioningSettings.Limits limits() {
		return settings.limits();
	}

	/** Where the configured Node.js lives, when that is outside {@code /usr}, which every sandbox reads anyway. */
	private List<Path> runtimeDirs() {
		List<Path> dirs = new ArrayList<>();
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path node = dir.isEmpty() ? null : Path.of(dir, settings.node());
			if (node != null && Files.isExecutable(node)) {
				try {
					Path home = node.toRealPath().getParent().getParent();
					if (!home.startsWith("/usr")) {
						dirs.add(home);
					}
				}
				catch (IOException ex) {
					// a broken link: nothing to read
				}
				break;
			}
		}
		return dirs;
	}

	/** A log that grew past a quarter of the file-size ceiling starts again, so the app never runs into it. */
	private void truncateIfLarge(Path log) throws IOException {
		if (Files.isRegularFile(log) && Files.size(log) > limits().fileSize().toBytes() / 4) {
			Files.writeString(log, "(the earlier output was removed: it had grown past "
					+ limits().fileSize().toBytes() / 4 / 1024 / 1024 + " MiB)\n");
		}
	}

	private void requireSandbox() {
		unavailable().ifPresent(reason -> {
			throw new StackProvisioningException(reason);
		});
		if (!SandboxFirewall.installed()) {
			SandboxFirewall.install(stacksDir.resolve(".firewall"));
			networks.keepPoolOnThisMachine();
		}
	}

	/** Waits until the service answers 2xx on its health path; fails at once, saying why, when its process ends. */
	private void awaitHealthy(UUID id, String service, Process process, String address, int port, String healthPath,
			Path dir) {
		health.await(service, address, port, healthPath, () -> {
			if (!process.isAlive()) {
				throw new StackProvisioningException(service + " exited with code " + process.exitValue()
						+ " before it became healthy" + limitHit(id, service) + ". Its last output:\n"
						+ lastLines(dir, service));
			}
		}, () -> lastLines(dir, service));
	}

	/** Which of its ceilings the service ran into, as the end of a sentence; empty when none. */
	String limitHit(UUID id, String service) {
		var usage = cgroups.usage(id.toString(), service);
		if (usage.oomKills() > 0) {
			return " (" + LimitHit.memoryMessage(service, limits().memoryOf(service).toMegabytes()) + ")";
		}
		if (usage.pidsRefused() > 0) {
			return " (" + LimitHit.processesMessage(service, limits().pids()) + ")";
		}
		return "";
	}

	private static String lastLines(Path dir, String service) {
		return String.join("\n", OsProcesses.tail(logOf(dir, service), 20));
	}

	private static Path logOf(Path dir, String service) {
		return dir.resolve("logs").resolve(service + ".log");
	}

}
