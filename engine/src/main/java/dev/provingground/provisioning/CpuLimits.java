package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU ceilings per replica through the kernel's CFS quota, so that "one replica saturates at one core" holds on every
 * machine and under any other load. Works with cgroup v2 ({@code cpu.max}) and cgroup v1 ({@code cpu.cfs_quota_us}).
 */
final class CpuLimits {

	private static final long PERIOD_US = 100_000;

	private final Path root;

	private final boolean v2;

	private CpuLimits(Path root, boolean v2) {
		this.root = root;
		this.v2 = v2;
	}

	/** The cgroup tree this machine offers, or null when it offers none that we may write. */
	static CpuLimits detect() {
		Path unified = Path.of("/sys/fs/cgroup");
		try {
			if (Files.isRegularFile(unified.resolve("cgroup.controllers"))
					&& Files.readString(unified.resolve("cgroup.controllers")).contains("cpu")
					&& Files.isWritable(unified)) {
				return new CpuLimits(unified.resolve("provingground"), true);
			}
		}
		catch (IOException ex) {
			// fall through to v1
		}
		Path v1 = Path.of("/sys/fs/cgroup/cpu");
		if (Files.isRegularFile(v1.resolve("cpu.cfs_quota_us")) && Files.isWritable(v1)) {
			return new CpuLimits(v1.resolve("provingground"), false);
		}
		return null;
	}

	/**
	 * Creates a group with a quota of {@code cpus} cores and returns the file a process writes its pid into to join.
	 */
	Path create(String name, double cpus) throws IOException {
		if (v2 && !Files.isDirectory(root)) {
			Files.createDirectories(root);
			enableCpuController(root.getParent());
			enableCpuController(root);
		}
		Path group = root.resolve(name);
		Files.createDirectories(group);
		long quota = Math.max(1000, Math.round(cpus * PERIOD_US));
		if (v2) {
			Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_US);
		}
		else {
			Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
			Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
		}
		return group.resolve("cgroup.procs");
	}

	/** The groups whose name starts with {@code prefix}. */
	List<Path> groupsOf(String prefix) {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		List<Path> groups = new ArrayList<>();
		try (var children = Files.list(root)) {
			children.filter(path -> path.getFileName().toString().startsWith(prefix)).forEach(groups::add);
		}
		catch (IOException ex) {
			return List.of();
		}
		return groups;
	}

	/** Removes the groups whose name starts with {@code prefix}; their processes must have ended. */
	void removeAll(String prefix) {
		for (Path group : groupsOf(prefix)) {
			for (int attempt = 0; attempt < 50; attempt++) {
				try {
					Files.deleteIfExists(group); // rmdir: the kernel removes the control files with it
					break;
				}
				catch (IOException ex) {
					OsProcesses.sleep(20); // the last process may still be exiting
				}
			}
		}
	}

	private static void enableCpuController(Path group) throws IOException {
		Path control = group.resolve("cgroup.subtree_control");
		if (!Files.readString(control).contains("cpu")) {
			Files.writeString(control, "+cpu");
		}
	}

}
