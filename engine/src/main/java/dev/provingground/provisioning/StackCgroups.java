package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A control group per service of a local stack ({@code provingground/<stack>/<service>}), with the service's memory,
 * process and CPU ceilings: whatever a learner's process starts stays in its group, so a fork bomb or a memory hog
 * meets its own limits and nobody else's, and stopping a service ends every process it made. Works on cgroup v2 (one
 * tree, {@code memory.max}, {@code pids.max}, {@code cpu.max}) and on cgroup v1 (a tree per controller).
 * <p>
 * A stack that is not being measured runs on the shared CPUs only, which it shares with the platform, and with a
 * small CPU weight; a measured stack (a load run or its checks) may use every CPU, with a large weight. So a
 * neighbour's busy loop or fork bomb never takes a CPU from a measurement (where the machine has cpusets).
 */
final class StackCgroups {

	private static final long PERIOD_US = 100_000;

	private static final Path ROOT = Path.of("/sys/fs/cgroup");

	private static final String GROUP = "provingground";

	/** The controllers a service's group is made in, by tree: one tree on v2, one per controller on v1. */
	private final List<Path> trees;

	private final boolean v2;

	/**
	 * The tree whose groups report CPU pressure (PSI): the v2 tree, when its kernel has PSI; null on v1. (Joining a
	 * hybrid machine's unified tree for PSI slowed throttled services several times over: ADR 0019.)
	 */
	private final Path pressure;

	/** The v1 cpuset tree, or the v2 tree when it offers cpusets; null without cpusets. */
	private final Path cpusets;

	/** Every CPU the platform may use, and those of them that unmeasured stacks run on, as cpuset lists. */
	private final String allCpus;

	private volatile String sharedCpus;

	/** The stacks being measured now. */
	private final java.util.Set<String> measured = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** The ceilings of one service. {@code cpus} is null for none. */
	record Limits(long memoryBytes, long pids, Double cpus) {
	}

	/** What a service has used: CPU time, memory now, and how often it hit a ceiling. */
	record Usage(long cpuNanos, long memoryBytes, long oomKills, long pidsRefused) {
	}

	private StackCgroups(List<Path> trees, boolean v2, Path cpusets, Path pressure) {
		this.trees = trees;
		this.v2 = v2;
		this.cpusets = cpusets;
		this.pressure = pressure;
		String cpus = cpusets == null ? "" : read(v2 ? ROOT.resolve("cpuset.cpus.effective") : ROOT.resolve("cpuset/cpuset.cpus"));
		this.allCpus = cpus;
		this.sharedCpus = cpus;
	}

	/**
	 * Keeps this many CPUs (the first ones) for the platform and the stacks that are not measured; measured stacks
	 * may use them and the rest. With no more CPUs than that, every stack may use every CPU.
	 */
	StackCgroups sharing(int count) {
		List<Integer> cpus = parseCpus(allCpus);
		sharedCpus = cpus.size() <= count ? allCpus
				: String.join(",", cpus.subList(0, count).stream().map(String::valueOf).toList());
		return this;
	}

	/** The CPUs that stacks not being measured run on, as a cpuset list; empty without cpusets. */
	String sharedCpus() {
		return sharedCpus;
	}

	/** A cpuset list such as {@code 0-3,6} as its CPUs. */
	static List<Integer> parseCpus(String list) {
		List<Integer> cpus = new ArrayList<>();
		for (String part : list.strip().split(",")) {
			if (part.isBlank()) {
				continue;
			}
			String[] range = part.split("-");
			int from = Integer.parseInt(range[0].strip());
			int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
			for (int cpu = from; cpu <= to; cpu++) {
				cpus.add(cpu);
			}
		}
		return cpus;
	}

	/** The cgroups this machine lets us write, or empty when it has none with memory, pids and cpu. */
	static Optional<StackCgroups> detect() {
		try {
			if (Files.isRegularFile(ROOT.resolve("cgroup.controllers")) && Files.isWritable(ROOT)) {
				String controllers = Files.readString(ROOT.resolve("cgroup.controllers"));
				if (controllers.contains("cpu") && controllers.contains("memory") && controllers.contains("pids")) {
					return Optional.of(new StackCgroups(List.of(ROOT.resolve(GROUP)), true,
							controllers.contains("cpuset") ? ROOT.resolve(GROUP) : null,
							Files.isRegularFile(ROOT.resolve("cpu.pressure")) ? ROOT.resolve(GROUP) : null));
				}
				return Optional.empty();
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		List<Path> trees = new ArrayList<>();
		for (String controller : List.of("memory", "pids", "cpu", "cpuacct")) {
			Path tree = ROOT.resolve(controller);
			if (!Files.isRegularFile(tree.resolve("cgroup.procs")) || !Files.isWritable(tree)) {
				return Optional.empty();
			}
			trees.add(tree.resolve(GROUP));
		}
		Path cpuset = ROOT.resolve("cpuset");
		boolean cpusets = Files.isRegularFile(cpuset.resolve("cpuset.cpus")) && Files.isWritable(cpuset);
		if (cpusets) {
			trees.add(cpuset.resolve(GROUP));
		}
		return Optional.of(new StackCgroups(List.copyOf(trees), false, cpusets ? cpuset.resolve(GROUP) : null, null));
	}

	/** Why a machine offers no stack cgroups, for the startup report and the provisioning error. */
	static String unavailableReason() {
		return "Learners' processes run inside a cgroup with memory, process and CPU limits, which needs a writable "
				+ "cgroup tree with the memory, pids and cpu controllers (cgroup v2, or v1 with each mounted under "
				+ "/sys/fs/cgroup). Run the platform as root, or use the Docker provisioner.";
	}

	/**
	 * Makes the service's group with its limits and returns the files a process writes its pid into to join it (one per
	 * tree).
	 */
	List<Path> create(String stack, String service, Limits limits) throws IOException {
		List<Path> procs = new ArrayList<>();
		for (Path tree : trees) {
			Path group = tree.resolve(stack).resolve(service);
			if (v2) {
				Files.createDirectories(tree);
				enableControllers(tree.getParent());
				Files.createDirectories(group.getParent());
				enableControllers(tree);
				enableControllers(group.getParent());
			}
			Files.createDirectories(group);
			if (!v2 && tree.equals(cpusets)) {
				// A v1 cpuset group takes no process until it has CPUs and memory nodes of its own.
				String mems = read(ROOT.resolve("cpuset/cpuset.mems"));
				for (Path level : List.of(tree, tree.resolve(stack))) {
					Files.writeString(level.resolve("cpuset.mems"), mems);
					Files.writeString(level.resolve("cpuset.cpus"), allCpus);
				}
				Files.writeString(group.resolve("cpuset.mems"), mems);
			}
			procs.add(group.resolve("cgroup.procs"));
		}
		placeOnCpus(stack);
		long quota = limits.cpus() == null ? -1 : Math.max(1000, Math.round(limits.cpus() * PERIOD_US));
		if (v2) {
			Path group = trees.get(0).resolve(stack).resolve(service);
			Files.writeString(group.resolve("memory.max"), Long.toString(limits.memoryBytes()));
			Files.writeString(group.resolve("memory.swap.max"), "0");
			Files.writeString(group.resolve("pids.max"), Long.toString(limits.pids()));
			Files.writeString(group.resolve("cpu.max"), (quota < 0 ? "max" : Long.toString(quota)) + " " + PERIOD_US);
		}
		else {
			Files.writeString(tree("memory", stack, service).resolve("memory.limit_in_bytes"),
					Long.toString(limits.memoryBytes()));
			Files.writeString(tree("pids", stack, service).resolve("pids.max"), Long.toString(limits.pids()));
			Path cpu = tree("cpu", stack, service);
			Files.writeString(cpu.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
			Files.writeString(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
		}
		return procs;
	}

	/**
	 * Marks the stack as measured or not: a measured stack may use every CPU and goes far ahead of the others when they
	 * contend for one; the others run on the shared CPUs with a small weight. Its ceilings stay what they are. Stacks
	 * start unmeasured.
	 */
	void measure(String stack, boolean measuredNow) {
		if (measuredNow) {
			measured.add(stack);
		}
		else {
			measured.remove(stack);
		}
		try {
			placeOnCpus(stack);
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Could not set the CPUs of stack " + stack + ": " + ex.getMessage(), ex);
		}
	}

	/** Writes the stack's CPU weight, and the CPUs of each of its services, for whether it is measured now. */
	private void placeOnCpus(String stack) throws IOException {
		boolean measuredNow = measured.contains(stack);
		if (v2) {
			Files.writeString(trees.get(0).resolve(stack).resolve("cpu.weight"), measuredNow ? "1000" : "10");
		}
		else {
			Files.writeString(ROOT.resolve("cpu").resolve(GROUP).resolve(stack).resolve("cpu.shares"),
					measuredNow ? "10240" : "102");
		}
		if (cpusets != null) {
			for (String service : childGroups(cpusets.resolve(stack))) {
				Files.writeString(cpusets.resolve(stack).resolve(service).resolve("cpuset.cpus"),
						measuredNow ? allCpus : sharedCpus);
			}
		}
	}

	/** The processes in the service's group, as this machine numbers them. */
	List<Long> pids(String stack, String service) {
		Path procs = trees.get(0).resolve(stack).resolve(service).resolve("cgroup.procs");
		try {
			return Files.readAllLines(procs).stream().filter(line -> !line.isBlank()).map(Long::parseLong).toList();
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	/** The services of a stack that have a group. */
	List<String> services(String stack) {
		return childGroups(trees.get(0).resolve(stack));
	}

	/** The stacks that have groups on this machine. */
	List<String> stacks() {
		return childGroups(trees.get(0));
	}

	private static List<String> childGroups(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (var children = Files.list(dir)) {
			return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/**
	 * Ends every process of the service: {@code signal} first, then after {@code graceMillis} SIGKILL until the group
	 * is empty. Processes forked meanwhile (a fork bomb) are in the group too, so they are killed as well.
	 */
	void stop(String stack, String service, String signal, long graceMillis) {
		signalAll(stack, service, signal);
		long deadline = System.nanoTime() + graceMillis * 1_000_000;
		while (!pids(stack, service).isEmpty() && System.nanoTime() < deadline) {
			OsProcesses.sleep(20);
		}
		for (int round = 0; round < 500 && !pids(stack, service).isEmpty(); round++) {
			signalAll(stack, service, "KILL");
			OsProcesses.sleep(10);
		}
	}

	/** Stops every service of the stack at once and removes its groups. */
	void removeStack(String stack) {
		for (String service : services(stack)) {
			stop(stack, service, "KILL", 0);
		}
		for (Path tree : trees) {
			Path dir = tree.resolve(stack);
			if (Files.isDirectory(dir)) {
				try (var children = Files.list(dir)) {
					children.filter(Files::isDirectory).forEach(StackCgroups::rmdir);
				}
				catch (IOException ex) {
					// gone meanwhile
				}
				rmdir(dir);
			}
		}
	}

	/** Removes a service's groups; its processes must have ended. */
	void remove(String stack, String service) {
		stop(stack, service, "KILL", 0);
		trees.forEach(tree -> rmdir(tree.resolve(stack).resolve(service)));
	}

	Usage usage(String stack, String service) {
		if (v2) {
			Path group = trees.get(0).resolve(stack).resolve(service);
			return new Usage(field(group.resolve("cpu.stat"), "usage_usec") * 1000, number(group.resolve("memory.current")),
					field(group.resolve("memory.events"), "oom_kill"), field(group.resolve("pids.events"), "max"));
		}
		Path memory = tree("memory", stack, service);
		return new Usage(number(tree("cpuacct", stack, service).resolve("cpuacct.usage")),
				number(memory.resolve("memory.usage_in_bytes")), field(memory.resolve("memory.oom_control"), "oom_kill"),
				field(tree("pids", stack, service).resolve("pids.events"), "max"));
	}

	/**
	 * How long the stack's tasks have waited for a CPU (its group's {@code some} and {@code full} stall where the machine
	 * has pressure per group, and each task's run-queue wait), how much CPU its services used, and how long their CPU
	 * ceilings held them back (summed over services); null when the stack has gone.
	 */
	CpuStall.Stack stall(String stack) {
		try {
			long some = CpuStall.UNKNOWN;
			long full = 0;
			if (pressure != null) {
				for (String line : Files.readAllLines(pressure.resolve(stack).resolve("cpu.pressure"))) {
					if (line.startsWith("some ")) {
						some = CpuStall.psiTotal(line);
					}
					else if (line.startsWith("full ")) {
						full = CpuStall.psiTotal(line);
					}
				}
			}
			if (some == CpuStall.UNKNOWN) {
				full = CpuStall.UNKNOWN;
			}
			Map<String, CpuStall.Service> services = new LinkedHashMap<>();
			for (String service : services(stack)) {
				Path cpu = v2 ? trees.get(0).resolve(stack).resolve(service) : tree("cpu", stack, service);
				long throttled = v2 ? field(cpu.resolve("cpu.stat"), "throttled_usec")
						: field(cpu.resolve("cpu.stat"), "throttled_time") / 1000;
				services.put(service, new CpuStall.Service(usage(stack, service).cpuNanos() / 1000,
						runQueueWaitNanos(trees.get(0).resolve(stack).resolve(service)) / 1000, throttled,
						ceilingCpus(cpu)));
			}
			return new CpuStall.Stack(some, full, services);
		}
		catch (IOException | RuntimeException ex) {
			return null; // the stack went meanwhile
		}
	}

	/** The CPU ceiling of a service's cpu group, in CPUs; 0 for none. */
	private double ceilingCpus(Path cpu) {
		String quota;
		String period;
		if (v2) {
			String[] max = read(cpu.resolve("cpu.max")).split("\\s+");
			quota = max[0];
			period = max.length > 1 ? max[1] : "";
		}
		else {
			quota = read(cpu.resolve("cpu.cfs_quota_us"));
			period = read(cpu.resolve("cpu.cfs_period_us"));
		}
		try {
			double cpus = Double.parseDouble(quota) / Double.parseDouble(period);
			return cpus > 0 ? cpus : 0;
		}
		catch (NumberFormatException unlimited) {
			return 0; // "max", or -1 on v1
		}
	}

	/** The run-queue wait of every thread in a group so far (each thread's schedstat), in nanoseconds. */
	private long runQueueWaitNanos(Path group) {
		long total = 0;
		for (String thread : lines(group.resolve(v2 ? "cgroup.threads" : "tasks"))) {
			try {
				String[] fields = Files.readString(Path.of("/proc", thread.strip(), "schedstat")).strip().split("\\s+");
				total += Long.parseLong(fields[1]);
			}
			catch (IOException | RuntimeException gone) {
				// the thread ended meanwhile
			}
		}
		return total;
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private Path tree(String controller, String stack, String service) {
		return ROOT.resolve(controller).resolve(GROUP).resolve(stack).resolve(service);
	}

	private void signalAll(String stack, String service, String signal) {
		List<Long> pids = pids(stack, service);
		if (pids.isEmpty()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		pids.forEach(pid -> command.add(Long.toString(pid)));
		try {
			new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Could not signal the processes of " + service + ": " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void rmdir(Path group) {
		for (int attempt = 0; attempt < 50 && Files.isDirectory(group); attempt++) {
			try {
				Files.deleteIfExists(group); // rmdir: the kernel removes the control files with it
			}
			catch (IOException ex) {
				OsProcesses.sleep(20); // the last process may still be exiting
			}
		}
	}

	private static void enableControllers(Path group) throws IOException {
		Path control = group.resolve("cgroup.subtree_control");
		String enabled = Files.readString(control);
		String offered = Files.readString(group.resolve("cgroup.controllers"));
		for (String controller : List.of("cpu", "memory", "pids", "cpuset")) {
			if (!enabled.contains(controller) && offered.contains(controller)) {
				Files.writeString(control, "+" + controller);
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static long number(Path file) {
		try {
			return Long.parseLong(Files.readString(file).strip());
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The value of a {@code name value} line of a cgroup's keyed file, or 0. */
	private static long field(Path file, String name) {
		try {
			for (String line : Files.readAllLines(file)) {
				String[] parts = line.strip().split("\\s+");
				if (parts.length == 2 && parts[0].equals(name)) {
					return Long.parseLong(parts[1]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the group is gone
		}
		return 0;
	}

}
