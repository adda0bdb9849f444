package dev.provingground.provisioning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
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

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Stacks as Docker containers. Each stack gets two networks: an internal one, where the services reach each other by
 * name ({@code database}, {@code app-0}, ...) and nothing outside, and an edge network without NAT, which carries only
 * the ports published on 127.0.0.1 (Docker publishes no port of a container that is on internal networks alone). The
 * database starts from an image of the scenario's seeded cluster, the app replicas share a volume filled from the
 * workspace, and nginx balances when the stack has a balancer. Every container and network is labelled with its stack
 * and node, and the rows in PostgreSQL say what exists, so teardown and the reaper work from any platform node that
 * reaches the same Docker host.
 */
class DockerStackProvisioner implements NodeProvisioner {

	private static final Logger log = LoggerFactory.getLogger(DockerStackProvisioner.class);

	static final String LABEL_STACK = "dev.provingground.stack";

	static final String LABEL_NODE = "dev.provingground.node";

	static final String LABEL_SERVICE = "dev.provingground.service";

	private static final String LOOPBACK = "127.0.0.1";

	private static final int DATABASE_PORT = 5432;

	/** Replica N listens on this port plus N inside its container, so the balancer's log tells replicas apart. */
	private static final int APP_PORT = 3000;

	/** Above 1024: nginx runs as the stack's user, without the capability to bind lower ports. */
	private static final int BALANCER_PORT = 8080;

	/** The user the database image runs PostgreSQL as; the official image and the test image both have it. */
	private static final String DATABASE_USER = "postgres";

	private static final String WORKSPACE = "/workspace";

	private final DockerClient docker;

	private final StackRecords records;

	private final ProvisioningSettings settings;

	private final DockerSeededDatabases seeds;

	private final NpmInstalls npm;

	private final String daemonId;

	private final String nodeId;

	private final DockerImages images;

	/** The stacks this node started, by id: what a restart needs to know. */
	private final Map<UUID, StackRequest> requests = new ConcurrentHashMap<>();

	/** Restarts and teardowns of one stack take turns. */
	private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

	/** Resource use of the replicas this node started, from Docker's stats streams. */
	private final Map<UUID, Map<Integer, ContainerUsage>> usage = new ConcurrentHashMap<>();

	private final HealthProbe health;

	private final StackCredentials credentials;

	/**
	 * CPU shares of a stack's containers: those of a measured stack go far ahead of the others (see measure), which run
	 * on the shared CPUs only.
	 */
	private static final int MEASURED_SHARES = 10240;

	private static final int UNMEASURED_SHARES = 102;

	/**
	 * The Docker host's CPUs, and those that containers of unmeasured stacks run on (null when the host has no more than
	 * those: then every container may use every CPU), as cpuset lists.
	 */
	private final String allCpus;

	private final String sharedCpus;

	/** How many measurements of each stack are open. */
	private final Map<UUID, Integer> measurements = new ConcurrentHashMap<>();

	/** The containers whose memory or disk hit {@link #watchLimits} has recorded, as {@code container/limit}. */
	private final Set<String> hitsRecorded = ConcurrentHashMap.newKeySet();

	DockerStackProvisioner(DockerClient docker, StackRecords records, ProvisioningSettings settings, Path cacheDir,
			String nodeId) {
		this.docker = docker;
		this.records = records;
		this.settings = settings;
		this.npm = new NpmInstalls(cacheDir, settings.npm());
		this.nodeId = nodeId;
		this.health = new HealthProbe(settings.startTimeout());
		this.credentials = records.credentials();
		try {
			var info = docker.infoCmd().exec();
			this.daemonId = info.getId();
			int cpus = info.getNCPU() == null ? 1 : info.getNCPU();
			int shared = settings.sandbox().sharedCpus();
			this.allCpus = "0-" + (cpus - 1);
			this.sharedCpus = cpus <= shared ? null : shared == 1 ? "0" : "0-" + (shared - 1);
		}
		catch (RuntimeException ex) {
			throw new StackProvisioningException("The Docker provisioner cannot reach the Docker host: "
					+ StackDatabases.rootMessage(ex) + ". Start Docker, or set provingground.provisioning.docker.host "
					+ "(or DOCKER_HOST)", ex);
		}
		this.images = new DockerImages(docker, settings.docker().pullTimeout());
		this.seeds = new DockerSeededDatabases(docker, settings, images, credentials.template());
		installFirewall();
		try {
			docker.inspectImageCmd(settings.docker().toolsImage()).exec();
		}
		catch (NotFoundException ex) {
			log.warn("The learners' terminal needs the image {}, which is not on the Docker host and will be pulled the "
					+ "first time: {}", settings.docker().toolsImage(), TOOLS_IMAGE_HELP);
		}
	}

	private static final String TOOLS_IMAGE_HELP = "Build it on the Docker host with docker/stack-images/build "
			+ "proving-ground/stack-tools:1, or name another image with bash, psql, curl, node and ps in "
			+ "provingground.provisioning.docker.tools-image";

	/**
	 * On a Docker host that is this machine, installs the rules that close the stacks' bridges to the host's own
	 * services; a remote Docker host needs {@code docker/sandbox-firewall.nft} installed on it.
	 */
	private void installFirewall() {
		boolean localHost = PlatformSettings.hostName().equals(docker.infoCmd().exec().getName());
		if (localHost && Programs.onPath("nft")) {
			try {
				SandboxFirewall.install(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "provingground"));
				return;
			}
			catch (StackProvisioningException ex) {
				log.warn("{}", ex.getMessage());
			}
		}
		log.warn("The Docker host is not this machine, or nftables is missing here: install "
				+ "docker/sandbox-firewall.nft on the Docker host (nft -f), or stacks can reach the host's own services "
				+ "through their bridges");
	}

	@Override
	public String placement() {
		return "docker:" + daemonId;
	}

	@Override
	public String nodeId() {
		return nodeId;
	}

	@Override
	public Stack provision(StackRequest request) {
		request.requireStartable();
		UUID id = UUID.randomUUID();
		// The stack's "directory" is its internal network: it has no files on this machine.
		records.insert(id, request, placement(), nodeId, Path.of(internalNetwork(id)));
		NpmInstalls.requireStarterDependencies(request.workspace(), request.packageDir().resolve(request.spec().app().starter()));
		requests.put(id, request);
		long started = System.nanoTime();
		try {
			createNetworks(id);
			startDatabase(id, request);
			npm.link(request.workspace(), request.packageDir().resolve(request.spec().app().starter()));
			startReplicas(id, request, request.spec().app().replicas());
			if (request.spec().balancer() != null) {
				startBalancer(id, request, request.spec().app().replicas(), null);
			}
			records.markReady(id);
			log.info("Stack {} of scenario {} for {} is ready in Docker ({} ms)", id, request.scenarioId(),
					request.ownerId(), (System.nanoTime() - started) / 1_000_000);
			return find(id).orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			String failure = StackProvisioningException.describe("Provisioning", ex);
			log.warn("Stack {} of scenario {} failed: {}", id, request.scenarioId(), failure);
			removeContainersAndNetworks(id);
			requests.remove(id);
			records.markFailed(id, failure);
			throw new StackProvisioningException(failure, ex);
		}
	}

	@Override
	public Stack restartApp(UUID stackId, int replicas) {
		if (records.find(stackId).filter(found -> found.state() != StackState.STOPPED).isEmpty()) {
			throw new StackProvisioningException("There is no running stack " + stackId);
		}
		StackRequest request = requestOf(stackId);
		if (replicas < 1 || (replicas > 1 && request.spec().balancer() == null)) {
			throw new StackProvisioningException("This stack can run " + (request.spec().balancer() == null
					? "only 1 replica" : "1 or more replicas") + ", not " + replicas);
		}
		synchronized (lockOf(stackId)) {
			try {
				Integer balancerPort = null;
				for (var process : records.processes(stackId)) {
					if (StackServices.isApp(process.service())) {
						remove(containerName(stackId, process.service()));
						records.forgetProcess(stackId, process.service());
					}
					else if (process.service().equals(StackServices.BALANCER)) {
						balancerPort = process.port();
					}
				}
				stopUsage(stackId);
				npm.link(request.workspace(), request.packageDir().resolve(request.spec().app().starter()));
				startReplicas(stackId, request, replicas);
				// nginx resolved the replicas' addresses when it started; the new containers have new ones.
				if (balancerPort != null) {
					remove(containerName(stackId, StackServices.BALANCER));
					startBalancer(stackId, request, replicas, balancerPort);
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
		synchronized (lockOf(stackId)) {
			removeContainersAndNetworks(stackId);
			records.markStopped(stackId);
		}
		requests.remove(stackId);
		locks.remove(stackId);
		log.info("Stack {} torn down", stackId);
	}

	@Override
	public Optional<Stack> find(UUID stackId) {
		return records.stack(stackId);
	}

	/**
	 * A shell in a tools container of its own, on the stack's internal network only: it reaches the stack's services by
	 * name and nothing outside, under the limits of an app replica, as the stack's user. It has no port and no
	 * workspace (the editor is where the workspace changes).
	 */
	@Override
	public StackShell openShell(UUID stackId, int cols, int rows) {
		StackShell.requireSize(cols, rows);
		if (records.find(stackId).filter(found -> found.state() == StackState.READY).isEmpty()) {
			throw new StackProvisioningException("The stack is not running now");
		}
		StackRequest request = requestOf(stackId);
		boolean balanced = records.processes(stackId).stream()
			.anyMatch(process -> process.service().equals(StackServices.BALANCER));
		Map<String, String> env = StackShell.environment(StackConsoles.environment(StackServices.DATABASE, DATABASE_PORT,
				request.spec().database().name(), credentials.console(stackId)), StackServices.app(0) + ":" + APP_PORT,
				balanced ? StackServices.BALANCER + ":" + BALANCER_PORT : null);
		List<String> envList = new ArrayList<>(List.of("HOME=/tmp"));
		env.forEach((name, value) -> envList.add(name + "=" + value));
		String name = containerName(stackId, StackServices.TERMINAL);
		synchronized (lockOf(stackId)) {
			remove(name); // an earlier shell's, if its removal failed
			try {
				String container = create(stackId, request, new ServiceContainer(StackServices.TERMINAL,
						settings.docker().toolsImage(), List.of("sleep", "infinity"), envList, 0,
						settings.limits().appMemory(), settings.limits().cpusOf(StackServices.TERMINAL, null),
						stackUser(stackId), true), null, null);
				docker.startContainerCmd(container).exec();
				return new ContainerShell(docker, container, List.of("bash", "-c", StackShell.interactiveShell(cols, rows)));
			}
			catch (RuntimeException ex) {
				remove(name);
				String why = ex instanceof StackProvisioningException ? ex.getMessage() : StackDatabases.rootMessage(ex);
				throw new StackProvisioningException("The terminal could not start: " + why
						+ (why.contains(settings.docker().toolsImage()) ? ". " + TOOLS_IMAGE_HELP : ""), ex);
			}
		}
	}

	@Override
	public List<String> tail(UUID stackId, String service, int lines) {
		StackServices.requireName(service);
		records.find(stackId).orElseThrow(() -> new StackProvisioningException("There is no stack " + stackId));
		try {
			return Containers.logs(docker, containerName(stackId, service), Math.min(lines, 1000), true);
		}
		catch (NotFoundException ex) {
			return List.of();
		}
	}

	/** Where a container's output goes: at most two files of a quarter of the file-size limit each. */
	private LogConfig outputLog() {
		return new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size",
				settings.limits().fileSize().toMegabytes() / 4 + "m", "max-file", "2"));
	}

	/** The Docker host answered at start, and images that are missing are pulled or built when a stack needs them. */
	@Override
	public Optional<String> cannotRun(StackSpec spec) {
		return Optional.empty();
	}

	@Override
	public Measurement measure(UUID stackId) {
		if (measurements.merge(stackId, 1, Integer::sum) == 1) {
			placeOnCpus(stackId, true);
		}
		return new Measurement() {

			private boolean closed;

			@Override
			public synchronized void close() {
				if (closed) {
					return;
				}
				closed = true;
				if (measurements.merge(stackId, -1, (open, one) -> open + one == 0 ? null : open + one) == null) {
					placeOnCpus(stackId, false);
				}
			}

		};
	}

	/**
	 * Gives each running container of the stack the CPU shares and CPUs of a measured or an unmeasured stack; a
	 * container gone meanwhile needs none.
	 */
	private void placeOnCpus(UUID stackId, boolean measured) {
		for (Container container : docker.listContainersCmd()
			.withLabelFilter(Map.of(LABEL_STACK, stackId.toString()))
			.exec()) {
			try {
				var update = docker.updateContainerCmd(container.getId())
					.withCpuShares(measured ? MEASURED_SHARES : UNMEASURED_SHARES);
				if (sharedCpus != null) {
					update.withCpusetCpus(measured ? allCpus : sharedCpus);
				}
				update.exec();
			}
			catch (NotFoundException ex) {
				// removed meanwhile
			}
		}
	}

	/** The host's stall only: the platform cannot read a container's pressure through the Docker API. */
	@Override
	public CpuStall cpuStall(UUID stackId) {
		return CpuStall.ofHost();
	}

	@Override
	public double cpuCeiling(UUID stackId) {
		return records.cpuCeiling(stackId, settings.limits());
	}

	/**
	 * Records a container the kernel killed for its memory, a replica seen at its process ceiling, and a database
	 * container whose writable layer (where its data lives) outgrew the disk limit, which is then stopped.
	 */
	@Override
	public void watchLimits() {
		Set<String> present = new HashSet<>();
		for (Container container : docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of(LABEL_NODE, nodeId))
			.exec()) {
			String service = container.getLabels().get(LABEL_SERVICE);
			Optional<UUID> stack = stackOf(container.getLabels());
			if (service == null || stack.isEmpty()) {
				continue;
			}
			present.add(container.getId());
			try {
				if (Boolean.TRUE.equals(docker.inspectContainerCmd(container.getId()).exec().getState().getOOMKilled())
						&& hitsRecorded.add(container.getId() + "/" + LimitHit.MEMORY)) {
					records.recordLimitHit(stack.get(), service, LimitHit.MEMORY,
							LimitHit.memoryMessage(service, settings.limits().memoryOf(service).toMegabytes()));
				}
			}
			catch (NotFoundException ex) {
				// removed meanwhile
			}
			var followed = StackServices.isApp(service) ? usage.getOrDefault(stack.get(), Map.of())
				.get(StackServices.appIndex(service)) : null;
			// Docker does not count refused forks: a replica seen at its ceiling was refused the next one.
			if (followed != null && followed.mostPids() >= settings.limits().pids()
					&& hitsRecorded.add(container.getId() + "/" + LimitHit.PROCESSES)) {
				records.recordLimitHit(stack.get(), service, LimitHit.PROCESSES,
						LimitHit.processesMessage(service, settings.limits().pids()));
			}
		}
		// The database keeps its data in its container's writable layer, whose size only a listing reports in full.
		for (Container database : docker.listContainersCmd()
			.withShowSize(true)
			.withLabelFilter(Map.of(LABEL_NODE, nodeId, LABEL_SERVICE, StackServices.DATABASE))
			.exec()) {
			Optional<UUID> stack = stackOf(database.getLabels());
			Long written = database.getSizeRw();
			if (stack.isPresent() && written != null && written > settings.limits().databaseDisk().toBytes()
					&& hitsRecorded.add(database.getId() + "/" + LimitHit.DISK)) {
				docker.stopContainerCmd(database.getId()).withTimeout(10).exec();
				records.recordLimitHit(stack.get(), StackServices.DATABASE, LimitHit.DISK,
						LimitHit.diskMessage(settings.limits().databaseDisk().toMegabytes()));
				log.warn("Stack {}: its database outgrew its disk limit and was stopped", stack.get());
			}
		}
		hitsRecorded.removeIf(hit -> !present.contains(hit.substring(0, hit.indexOf('/'))));
	}

	@Override
	public List<ReplicaUsage> replicaUsage(UUID stackId) {
		var replicas = usage.compute(stackId, (id, followed) -> followed == null
				|| followed.values().stream().anyMatch(ContainerUsage::ended) ? followReplicas(id, followed) : followed);
		if (replicas == null) {
			return List.of();
		}
		List<ReplicaUsage> measured = new ArrayList<>();
		replicas.forEach((index, stream) -> stream.latest(index).ifPresent(measured::add));
		measured.sort(java.util.Comparator.comparingInt(ReplicaUsage::index));
		return measured;
	}

	/**
	 * Follows the stats of the stack's running replicas, whichever node started them (in a cluster, telemetry may run on
	 * another one); null when none runs. The first samples arrive within a second.
	 */
	private Map<Integer, ContainerUsage> followReplicas(UUID id, Map<Integer, ContainerUsage> ended) {
		if (ended != null) {
			ended.values().forEach(ContainerUsage::close);
		}
		Map<Integer, ContainerUsage> followed = new ConcurrentHashMap<>();
		for (Container container : docker.listContainersCmd()
			.withLabelFilter(Map.of(LABEL_STACK, id.toString()))
			.exec()) {
			String service = container.getLabels().get(LABEL_SERVICE);
			if (service != null && StackServices.isApp(service)) {
				followed.put(StackServices.appIndex(service), ContainerUsage.follow(docker, container.getId()));
			}
		}
		return followed.isEmpty() ? null : followed;
	}

	@Override
	public Map<Integer, Long> requestsPerReplica(UUID stackId) {
		List<Integer> ports = new ArrayList<>();
		boolean balanced = false;
		for (var process : records.processes(stackId)) {
			if (StackServices.isApp(process.service())) {
				ports.add(APP_PORT + StackServices.appIndex(process.service()));
			}
			balanced |= process.service().equals(StackServices.BALANCER);
		}
		if (!balanced) {
			return Map.of();
		}
		ports.sort(null);
		try {
			// The access log goes to stdout, the errors to stderr: stdout is one line per request.
			return BalancerTraffic.count(
					Containers.logs(docker, containerName(stackId, StackServices.BALANCER), Integer.MAX_VALUE, false),
					ports);
		}
		catch (NotFoundException ex) {
			return Map.of();
		}
	}

	@Override
	public void touch(UUID stackId) {
		records.touch(stackId);
	}

	@Override
	public void tearDownRun(String runId) {
		StackRecords.tearDownRun(records, runId, this::tearDown);
	}

	/**
	 * Removes the containers, networks and volumes of stacks that are stopped or unknown (a crash between creating them and
	 * recording the stack, or a teardown cut short), and seeding containers a crash left.
	 */
	@Override
	public int removeLeftovers() {
		Set<UUID> owned = new HashSet<>();
		docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL_STACK)).exec()
			.forEach(container -> stackOf(container.getLabels()).ifPresent(owned::add));
		docker.listNetworksCmd().withFilter("label", List.of(LABEL_STACK)).exec()
			.forEach(network -> stackOf(network.getLabels()).ifPresent(owned::add));
		var volumes = docker.listVolumesCmd().withFilter("label", List.of(LABEL_STACK)).exec().getVolumes();
		if (volumes != null) {
			volumes.forEach(volume -> stackOf(volume.getLabels()).ifPresent(owned::add));
		}
		owned.removeAll(records.notStopped(owned));
		owned.forEach(this::removeContainersAndNetworks);
		return owned.size() + seeds.removeAbandoned();
	}

	/** The stack a label names; empty for a label this platform did not write. */
	private static Optional<UUID> stackOf(Map<String, String> labels) {
		try {
			return Optional.of(UUID.fromString(labels.get(LABEL_STACK)));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	/** Removes every stack this node started: nothing could use them after it stops. */
	void tearDownAll() {
		for (UUID id : List.copyOf(requests.keySet())) {
			try {
				tearDown(id);
			}
			catch (RuntimeException ex) {
				log.warn("Tearing down stack {} failed: {}", id, ex.getMessage());
			}
		}
	}

	private void createNetworks(UUID id) {
		docker.createNetworkCmd()
			.withName(internalNetwork(id))
			.withDriver("bridge")
			.withInternal(true)
			.withOptions(Map.of("com.docker.network.bridge.name", bridgeName(SandboxFirewall.INTERNAL_PREFIX, id)))
			.withLabels(Map.of(LABEL_STACK, id.toString(), LABEL_NODE, nodeId))
			.exec();
		// Without masquerading, nothing from the edge network is translated to the host's address: no egress.
		docker.createNetworkCmd()
			.withName(edgeNetwork(id))
			.withDriver("bridge")
			.withOptions(Map.of("com.docker.network.bridge.enable_ip_masquerade", "false",
					"com.docker.network.bridge.enable_icc", "false", "com.docker.network.bridge.name",
					bridgeName(SandboxFirewall.EDGE_PREFIX, id)))
			.withLabels(Map.of(LABEL_STACK, id.toString(), LABEL_NODE, nodeId))
			.exec();
	}

	private void startDatabase(UUID id, StackRequest request) {
		var database = request.spec().database();
		String image = seeds.imageFor(request);
		List<String> command = new ArrayList<>(List.of("postgres"));
		StackDatabases.serverSettings(database.settings(), postgresMajor(image))
			.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
		String container = create(id, request, new ServiceContainer(StackServices.DATABASE, image, command,
				List.of("PGDATA=" + DockerSeededDatabases.PGDATA), DATABASE_PORT, settings.limits().databaseMemory(),
				settings.limits().cpusOf(StackServices.DATABASE, null),
				DATABASE_USER, false), null, null);
		docker.startContainerCmd(container).exec();
		var started = inspect(container);
		int port = publishedPort(started, DATABASE_PORT, StackServices.DATABASE);
		records.recordProcess(id, StackServices.DATABASE, port, started.getState().getPidLong());
		Containers.awaitPostgres(docker, container, StackServices.DATABASE, port, "postgres", credentials.template(),
				settings.startTimeout());
		try {
			StackDatabases.rekey("jdbc:postgresql://" + LOOPBACK + ":" + port + "/postgres", credentials.template(),
					database.role(), credentials, id);
		}
		catch (java.sql.SQLException ex) {
			throw new StackProvisioningException("The database's passwords could not be set: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Starts the replicas on a new workspace volume, filled from the workspace as it is now, and removes the volumes of
	 * earlier replicas.
	 */
	private void startReplicas(UUID id, StackRequest request, int count) throws IOException {
		var app = request.spec().app();
		var database = request.spec().database();
		String volume = docker.createVolumeCmd()
			.withName(internalNetwork(id) + "-workspace-" + UUID.randomUUID().toString().substring(0, 8))
			.withLabels(Map.of(LABEL_STACK, id.toString(), LABEL_NODE, nodeId))
			.exec()
			.getName();
		String image = app.image() != null ? app.image() : settings.docker().appImage();
		fillVolume(id, image, volume, WorkspaceArchive.of(request.workspace(), WORKSPACE.substring(1)));
		Map<Integer, Integer> ports = new HashMap<>();
		Map<Integer, String> containers = new HashMap<>();
		for (int index = 0; index < count; index++) {
			String service = StackServices.app(index);
			List<String> env = new ArrayList<>();
			app.env().forEach((name, value) -> env.add(name + "=" + value));
			// Inside its container the app listens on every interface: the container's network is the boundary.
			env.add("HOST=0.0.0.0");
			env.add("PORT=" + (APP_PORT + index));
			env.add("DATABASE_URL=postgres://" + database.role() + ":" + credentials.app(id) + "@"
					+ StackServices.DATABASE + ":" + DATABASE_PORT + "/" + database.name());
			env.add("HOME=/tmp");
			String container = create(id, request, new ServiceContainer(service, image, app.command(), env,
					APP_PORT + index, settings.limits().appMemory(),
					settings.limits().cpusOf(service, app.cpuLimit()), stackUser(id), true), volume, null);
			docker.startContainerCmd(container).exec();
			var started = inspect(container);
			int port = publishedPort(started, APP_PORT + index, service);
			records.recordProcess(id, service, port, started.getState().getPidLong());
			usage.computeIfAbsent(id, stack -> new ConcurrentHashMap<>())
				.put(index, ContainerUsage.follow(docker, container));
			ports.put(index, port);
			containers.put(index, container);
		}
		removeVolumes(id, volume);
		for (int index = 0; index < count; index++) {
			awaitHealthy(StackServices.app(index), containers.get(index), ports.get(index), app.healthPath());
		}
	}

	/** @param port the published port to keep, when the balancer is replaced; null for any free one */
	private void startBalancer(UUID id, StackRequest request, int replicas, Integer port) throws IOException {
		var balancer = request.spec().balancer();
		List<String> upstreams = new ArrayList<>();
		for (int index = 0; index < replicas; index++) {
			upstreams.add(StackServices.app(index) + ":" + (APP_PORT + index));
		}
		String config = NginxBalancer.config("/tmp/nginx", "/dev/stdout", Integer.toString(BALANCER_PORT), upstreams,
				balancer.method());
		String image = balancer.image() != null ? balancer.image() : settings.docker().balancerImage();
		// The root file system is read-only and /tmp is a fresh tmpfs: the configuration arrives in the environment.
		String container = create(id, request, new ServiceContainer(StackServices.BALANCER, image,
				List.of("sh", "-c", "mkdir -p /tmp/nginx && printf '%s' \"$BALANCER_CONFIG\" > /tmp/nginx/nginx.conf "
						+ "&& exec nginx -e stderr -c /tmp/nginx/nginx.conf"),
				List.of("BALANCER_CONFIG=" + config), BALANCER_PORT, settings.limits().balancerMemory(),
				settings.limits().cpusOf(StackServices.BALANCER, null),
				stackUser(id), true), null, port);
		docker.startContainerCmd(container).exec();
		var started = inspect(container);
		int published = publishedPort(started, BALANCER_PORT, StackServices.BALANCER);
		records.recordProcess(id, StackServices.BALANCER, published, started.getState().getPidLong());
		awaitHealthy(StackServices.BALANCER, container, published, request.spec().app().healthPath());
	}

	/**
	 * What one service's container runs.
	 * @param port the one port it listens on, published on 127.0.0.1; 0 for none
	 * @param cpus its CPU ceiling
	 * @param user who it runs as: never root
	 * @param readOnlyRoot whether its root file system is read-only (with a private {@code /tmp} of bounded size)
	 */
	private record ServiceContainer(String service, String image, List<String> command, List<String> env, int port,
			DataSize memory, double cpus, String user, boolean readOnlyRoot) {
	}

	/**
	 * Creates a service's container on the edge network, with its one port published on 127.0.0.1, then joins it to
	 * the internal network under the service's name; a container without a port is on the internal network alone.
	 * @param workspaceVolume the volume mounted as the working directory, {@value #WORKSPACE}; null for none
	 * @param hostPort the published port to keep, when a container is replaced; null for any free one
	 */
	private String create(UUID id, StackRequest request, ServiceContainer spec, String workspaceVolume,
			Integer hostPort) {
		images.require(spec.image());
		boolean published = spec.port() > 0;
		ExposedPort exposed = ExposedPort.tcp(published ? spec.port() : 1);
		var host = HostConfig.newHostConfig()
			.withNetworkMode(published ? edgeNetwork(id) : internalNetwork(id))
			.withMemory(spec.memory().toBytes())
			.withMemorySwap(spec.memory().toBytes())
			.withCpuShares(measurements.containsKey(id) ? MEASURED_SHARES : UNMEASURED_SHARES)
			.withCpusetCpus(sharedCpus == null || measurements.containsKey(id) ? null : sharedCpus)
			.withPidsLimit(settings.limits().pids())
			// No capabilities, no setuid gains, no writes outside /tmp and what is mounted for it.
			.withCapDrop(com.github.dockerjava.api.model.Capability.ALL)
			.withSecurityOpts(List.of("no-new-privileges"))
			.withReadonlyRootfs(spec.readOnlyRoot())
			.withUlimits(List.of(new com.github.dockerjava.api.model.Ulimit("fsize", settings.limits().fileSize().toBytes(),
					settings.limits().fileSize().toBytes()), new com.github.dockerjava.api.model.Ulimit("core", 0L, 0L)))
			// The daemon writes the output, so the file-size limit does not hold it: rotated, as a local stack's log is.
			.withLogConfig(outputLog())
			// The scenario's CPU ceiling, as a CFS quota: 0.35 is 35 ms of CPU time in every 100 ms.
			.withNanoCPUs(Math.round(spec.cpus() * 1_000_000_000L));
		var create = docker.createContainerCmd(spec.image())
			.withName(containerName(id, spec.service()))
			.withLabels(Map.of(LABEL_STACK, id.toString(), LABEL_NODE, nodeId, LABEL_SERVICE, spec.service(),
					"dev.provingground.owner", request.ownerId(), "dev.provingground.scenario", request.scenarioId()))
			.withEnv(spec.env())
			.withUser(spec.user())
			.withCmd(spec.command());
		if (published) {
			host.withPortBindings(new PortBinding(hostPort == null ? Ports.Binding.bindIp(LOOPBACK)
					: Ports.Binding.bindIpAndPort(LOOPBACK, hostPort), exposed));
			create.withExposedPorts(exposed);
		}
		if (spec.readOnlyRoot()) {
			host.withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=" + settings.limits().tempSize().toBytes()));
		}
		if (workspaceVolume != null) {
			// Read-only: the app changes its workspace through the editor, never by itself.
			host.withBinds(new Bind(workspaceVolume, new Volume(WORKSPACE), com.github.dockerjava.api.model.AccessMode.ro));
			create.withWorkingDir(WORKSPACE);
		}
		String container = create.withHostConfig(host).exec().getId();
		if (published) {
			docker.connectToNetworkCmd()
				.withNetworkId(internalNetwork(id))
				.withContainerId(container)
				.withContainerNetwork(new ContainerNetwork().withAliases(spec.service()))
				.exec();
		}
		return container;
	}

	/**
	 * Fills the workspace volume through a container that never starts: the replicas mount it read-only, and Docker
	 * copies into no read-only mount.
	 */
	private void fillVolume(UUID id, String image, String volume, byte[] workspace) {
		images.require(image);
		String filler = docker.createContainerCmd(image)
			.withName(internalNetwork(id) + "-fill-" + UUID.randomUUID().toString().substring(0, 8))
			.withLabels(Map.of(LABEL_STACK, id.toString(), LABEL_NODE, nodeId))
			.withNetworkDisabled(true)
			.withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(WORKSPACE))))
			.withCmd("true")
			.exec()
			.getId();
		try {
			copyInto(filler, workspace);
		}
		finally {
			remove(filler);
		}
	}

	/** The PostgreSQL major version an image says it has ({@code PG_MAJOR}, as the official images do); 0 if none. */
	private int postgresMajor(String image) {
		var env = docker.inspectImageCmd(image).exec().getConfig().getEnv();
		for (String variable : env == null ? new String[0] : env) {
			if (variable.matches("PG_MAJOR=\\d+")) {
				return Integer.parseInt(variable.substring("PG_MAJOR=".length()));
			}
		}
		return 0;
	}

	/** A stack's containers run as a user of their own, never root and never another stack's (but by chance). */
	static String stackUser(UUID stackId) {
		int uid = Sandbox.UID_BASE + Math.floorMod(stackId.hashCode(), 1 << 24);
		return uid + ":" + uid;
	}

	static String bridgeName(String prefix, UUID stackId) {
		return prefix + stackId.toString().replace("-", "").substring(0, 12);
	}

	private void copyInto(String container, byte[] tar) {
		docker.copyArchiveToContainerCmd(container)
			.withRemotePath("/")
			.withTarInputStream(new ByteArrayInputStream(tar))
			.exec();
	}

	private void awaitHealthy(String service, String container, int port, String healthPath) {
		health.await(service, LOOPBACK, port, healthPath, () -> Containers.requireRunning(docker, container, service),
				() -> lastLines(container));
	}

	private String lastLines(String container) {
		return String.join("\n", Containers.logs(docker, container, 20, true));
	}

	private InspectContainerResponse inspect(String container) {
		return docker.inspectContainerCmd(container).exec();
	}

	private static int publishedPort(InspectContainerResponse container, int containerPort, String service) {
		var bindings = container.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
		if (bindings == null || bindings.length == 0) {
			throw new StackProvisioningException(service + " has no port published on " + LOOPBACK);
		}
		return Integer.parseInt(bindings[0].getHostPortSpec());
	}

	/** Removes the stack's containers (with their anonymous volumes) and then its networks, found by their label. */
	private void removeContainersAndNetworks(UUID id) {
		stopUsage(id);
		for (Container container : docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of(LABEL_STACK, id.toString()))
			.exec()) {
			remove(container.getId());
		}
		for (var network : docker.listNetworksCmd().withFilter("label", List.of(LABEL_STACK + "=" + id)).exec()) {
			try {
				docker.removeNetworkCmd(network.getId()).exec();
			}
			catch (NotFoundException ex) {
				// removed meanwhile
			}
		}
		removeVolumes(id, null);
	}

	/** Removes the stack's workspace volumes but the one to keep (null for none); their containers must be gone. */
	private void removeVolumes(UUID id, String keep) {
		var volumes = docker.listVolumesCmd().withFilter("label", List.of(LABEL_STACK + "=" + id)).exec().getVolumes();
		for (var volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
			if (!volume.getName().equals(keep)) {
				try {
					docker.removeVolumeCmd(volume.getName()).exec();
				}
				catch (NotFoundException ex) {
					// removed meanwhile
				}
			}
		}
	}

	private void remove(String container) {
		Containers.remove(docker, container);
	}

	private void stopUsage(UUID id) {
		var streams = usage.remove(id);
		if (streams != null) {
			streams.values().forEach(ContainerUsage::close);
		}
	}

	/**
	 * What the stack was provisioned from: kept by the node that provisioned it, recorded for the others, so that any
	 * node that reaches the Docker host (and the shared data directory, for the workspace) can restart its app.
	 */
	private StackRequest requestOf(UUID stackId) {
		StackRequest request = requests.get(stackId);
		if (request != null) {
			return request;
		}
		return records.request(stackId).orElseThrow(() -> new StackOnAnotherNodeException(stackId));
	}

	private Object lockOf(UUID stackId) {
		return locks.computeIfAbsent(stackId, id -> new Object());
	}

	static String containerName(UUID stackId, String service) {
		return "pg-" + stackId + "-" + service;
	}

	static String internalNetwork(UUID stackId) {
		return "pg-" + stackId;
	}

	static String edgeNetwork(UUID stackId) {
		return "pg-" + stackId + "-edge";
	}

}
