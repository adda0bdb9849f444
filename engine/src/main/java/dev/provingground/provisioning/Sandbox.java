package dev.provingground.provisioning;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.provingground.platform.Programs;

/**
 * How a local stack's process is started so that it can harm nothing but its own stack. In order, the command:
 * <ol>
 * <li>joins the service's cgroups ({@link StackCgroups}) before anything else runs, so not one instruction runs
 * outside its limits;</li>
 * <li>enters the stack's network namespace ({@link StackNetworks}): its own loopback and one link to the host, which
 * the firewall closes to the stack's own connections;</li>
 * <li>enters bubblewrap's new mount, PID, IPC and UTS namespaces: it sees the system's programs and libraries read-only,
 * the folders it is given, a private {@code /tmp} of bounded size, and only its own processes in {@code /proc}; the
 * data directory, other workspaces, the platform's processes and their environment do not exist for it;</li>
 * <li>becomes the stack's own unprivileged user, with no capabilities, {@code no_new_privs} set, and a ceiling on the
 * size of any file it writes (its log included).</li>
 * </ol>
 *
 * @param readOnly folders it reads (the workspace, its installed dependencies, the database's binaries)
 * @param writable folders it writes besides {@code /tmp} (the database's data, the balancer's temp files)
 */
record Sandbox(UUID stackId, int uid, Path workDir, List<Path> readOnly, List<Path> writable, long tempBytes,
		long fileBytes, List<Path> cgroupProcs) {

	/** A stack's user is this plus its network slot: unique among the stacks on one host, and far from anyone else's. */
	static final int UID_BASE = 1_500_000_000;

	static final String BWRAP = "bwrap";

	static final String NSENTER = "nsenter";

	static final String SETPRIV = "setpriv";

	static final String PRLIMIT = "prlimit";

	Sandbox {
		readOnly = List.copyOf(readOnly);
		writable = List.copyOf(writable);
		cgroupProcs = List.copyOf(cgroupProcs);
	}

	/** The command that runs {@code inner} inside this sandbox. */
	List<String> wrap(List<String> inner) {
		List<String> command = new ArrayList<>(List.of("sh", "-c",
				"while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"", "sh"));
		cgroupProcs.forEach(file -> command.add(file.toString()));
		command.add("--");
		command.addAll(List.of(NSENTER, "--net=" + StackNetworks.namespaceFile(stackId), "--"));
		command.addAll(List.of(BWRAP, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
				"--new-session", "--hostname", "stack", "--ro-bind", "/usr", "/usr"));
		for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
			Path path = Path.of("/", top);
			if (Files.isSymbolicLink(path)) {
				command.addAll(List.of("--symlink", readLink(path), path.toString()));
			}
			else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				command.addAll(List.of("--ro-bind", path.toString(), path.toString()));
			}
		}
		// What programs read from /etc: no secrets (no shadow, no keys), only names, certificates and links.
		command.addAll(List.of("--perms", "0755", "--dir", "/etc"));
		for (String etc : List.of("passwd", "group", "hosts", "nsswitch.conf", "ld.so.cache", "ld.so.conf",
				"ld.so.conf.d", "localtime", "alternatives", "ssl", "ca-certificates")) {
			command.addAll(List.of("--ro-bind-try", "/etc/" + etc, "/etc/" + etc));
		}
		command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", Long.toString(tempBytes),
				"--tmpfs", "/tmp", "--perms", "1777", "--size", Long.toString(tempBytes), "--tmpfs", "/dev/shm"));
		// bwrap would make the folders above a bound one 0700, and root's: they must be passable, not listable.
		var parents = new java.util.TreeSet<Path>(java.util.Comparator.comparingInt(Path::getNameCount)
			.thenComparing(Path::toString));
		for (Path path : concat(readOnly, writable)) {
			for (Path parent = path.getParent(); parent != null && parent.getNameCount() > 0; parent = parent.getParent()) {
				if (!parent.equals(Path.of("/tmp")) && !parent.startsWith("/usr")) {
					parents.add(parent);
				}
			}
		}
		for (Path parent : parents) {
			command.addAll(List.of("--perms", "0711", "--dir", parent.toString()));
		}
		for (Path path : readOnly) {
			command.addAll(List.of("--ro-bind", path.toString(), path.toString()));
		}
		for (Path path : writable) {
			command.addAll(List.of("--bind", path.toString(), path.toString()));
		}
		command.addAll(List.of("--chdir", workDir.toString(), "--setenv", "HOME", "/tmp", "--"));
		command.addAll(List.of(SETPRIV, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--no-new-privs",
				"--bounding-set=-all", "--inh-caps=-all", "--"));
		command.addAll(List.of(PRLIMIT, "--fsize=" + fileBytes + ":" + fileBytes, "--core=0:0", "--"));
		command.addAll(inner);
		return command;
	}

	private static List<Path> concat(List<Path> first, List<Path> second) {
		List<Path> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static String readLink(Path link) {
		try {
			return Files.readSymbolicLink(link).toString();
		}
		catch (java.io.IOException ex) {
			throw new StackProvisioningException("Cannot read the link " + link + ": " + ex.getMessage(), ex);
		}
	}

	/** The programs a sandbox needs on this host; empty when all are there, else what to install. */
	static List<String> missingPrograms() {
		List<String> missing = new ArrayList<>();
		if (!Programs.onPath(BWRAP)) {
			missing.add("bubblewrap");
		}
		if (!Programs.onPath("nft")) {
			missing.add("nftables");
		}
		if (!Programs.onPath("ip")) {
			missing.add("iproute2");
		}
		if (!Programs.onPath(NSENTER) || !Programs.onPath(SETPRIV) || !Programs.onPath(PRLIMIT)) {
			missing.add("util-linux");
		}
		return missing;
	}

}
