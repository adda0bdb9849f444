package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace per local stack: its database, replicas and balancer share it and reach each other on its
 * loopback, and it has one link to the host, a veth pair on a /30 of {@code 10.213.0.0/16} (configurable), which is the
 * stack's address. The namespace has no default route, so nothing beyond its own /30 is reachable from inside it; the
 * host's end of the link is closed to connections from the stack by {@link SandboxFirewall}. The platform reaches the
 * stack's services on the stack's address; the stack reaches nothing of the platform's.
 */
final class StackNetworks {

	private final int base;

	private final int slots;

	private final Path lockFile;

	/** @param pool the addresses to cut /30s from, such as {@code 10.213.0.0/16} */
	StackNetworks(String pool, Path lockFile) {
		String[] parts = pool.split("/");
		int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
		if (prefix < 8 || prefix > 28) {
			throw new IllegalArgumentException("provingground.provisioning.sandbox.network is an IPv4 network between /8 "
					+ "and /28, such as 10.213.0.0/16, not '" + pool + "'");
		}
		this.base = toInt(parts[0]) & (int) (0xFFFFFFFFL << (32 - prefix));
		this.slots = 1 << (30 - prefix);
		this.lockFile = lockFile;
		this.pool = toText(base) + "/" + prefix;
	}

	private final String pool;

	/**
	 * Routes the whole pool nowhere, below each stack's own /30: a connection to the address of a stack that is gone
	 * fails here and never leaves the machine through its default route.
	 */
	void keepPoolOnThisMachine() {
		run(List.of("ip", "route", "replace", "blackhole", pool), false);
	}

	/** The namespace of a stack, as {@code ip netns} names it. */
	static String namespace(UUID stackId) {
		return "pgs-" + stackId;
	}

	/** The host's end of the stack's link: at most 15 characters, and {@value SandboxFirewall#LOCAL_PREFIX}-prefixed. */
	static String hostLink(UUID stackId) {
		return SandboxFirewall.LOCAL_PREFIX + stackId.toString().replace("-", "").substring(0, 12);
	}

	/** The namespace's file, which {@code nsenter --net=} enters. */
	static Path namespaceFile(UUID stackId) {
		return Path.of("/run/netns", namespace(stackId));
	}

	/** Creates the stack's namespace and link, and returns the stack's address. */
	String create(UUID stackId) throws IOException {
		Files.createDirectories(lockFile.getParent());
		// Platform processes on one host take turns choosing a free /30: the lock is the host's, not a data directory's.
		// A file lock is held by the whole JVM, so threads of this one take turns first.
		synchronized (StackNetworks.class) {
			return createLocked(stackId);
		}
	}

	private String createLocked(UUID stackId) throws IOException {
		try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				var lock = channel.lock()) {
			Set<Integer> used = usedAddresses();
			int start = Math.floorMod(stackId.hashCode(), slots);
			for (int step = 0; step < slots; step++) {
				int slot = (start + step) % slots;
				int host = base + slot * 4 + 1;
				if (!used.contains(host) && !used.contains(host + 1)) {
					setUp(stackId, toText(host), toText(host + 1));
					return toText(host + 1);
				}
			}
		}
		throw new StackProvisioningException("Every stack address of the sandbox network is taken: raise "
				+ "provingground.provisioning.sandbox.network, or tear stacks down");
	}

	/** The /30 an address of the pool is in, counted from the pool's start: unique among the host's stacks. */
	int slotOf(String address) {
		return (toInt(address) - base) / 4;
	}

	/** Removes the stack's namespace and link; nothing happens when they are gone. */
	void remove(UUID stackId) {
		// Deleting the namespace removes its end of the pair, and with it the host's.
		if (Files.exists(namespaceFile(stackId))) {
			run(List.of("ip", "netns", "delete", namespace(stackId)), true);
		}
		if (Files.exists(Path.of("/sys/class/net", hostLink(stackId)))) {
			run(List.of("ip", "link", "delete", hostLink(stackId)), true);
		}
	}

	/** The stacks that have a namespace on this machine. */
	static List<UUID> present() {
		List<UUID> stacks = new ArrayList<>();
		try (var names = Files.list(Path.of("/run/netns"))) {
			names.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("pgs-")).forEach(name -> {
				try {
					stacks.add(UUID.fromString(name.substring(4)));
				}
				catch (IllegalArgumentException ex) {
					// not one of ours
				}
			});
		}
		catch (IOException ex) {
			return List.of();
		}
		return stacks;
	}

	private void setUp(UUID stackId, String hostAddress, String stackAddress) {
		String ns = namespace(stackId);
		String link = hostLink(stackId);
		remove(stackId); // what a crash may have left
		run(List.of("ip", "netns", "add", ns), false);
		run(List.of("ip", "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns), false);
		disableIpv6("/proc/sys/net/ipv6/conf/" + link + "/disable_ipv6");
		run(List.of("ip", "addr", "add", hostAddress + "/30", "dev", link), false);
		run(List.of("ip", "link", "set", link, "up"), false);
		// Inside: loopback for the stack's own services, and the stack's address; no route to anywhere else, no IPv6.
		run(List.of("ip", "netns", "exec", ns, "sh", "-c",
				"echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6; "
						+ "ip link set lo up && ip addr add " + stackAddress + "/30 dev eth0 && ip link set eth0 up"),
				false);
	}

	private static void disableIpv6(String file) {
		try {
			Files.writeString(Path.of(file), "1");
		}
		catch (IOException ex) {
			// no IPv6 on this machine
		}
	}

	/** The IPv4 addresses this machine's interfaces have, as numbers. */
	private static Set<Integer> usedAddresses() {
		Set<Integer> used = new HashSet<>();
		String output = run(List.of("ip", "-o", "-4", "addr", "show"), false);
		for (String line : output.split("\n")) {
			int inet = line.indexOf(" inet ");
			if (inet >= 0) {
				String address = line.substring(inet + 6).strip().split("[/ ]")[0];
				used.add(toInt(address));
			}
		}
		return used;
	}

	static String run(List<String> command, boolean tolerateFailure) {
		try {
			var process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new StackProvisioningException(String.join(" ", command) + " did not finish within 30 s");
			}
			if (process.exitValue() != 0 && !tolerateFailure) {
				throw new StackProvisioningException(String.join(" ", command) + " failed: " + output.strip());
			}
			return output;
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Cannot run " + command.get(0) + " (" + ex.getMessage()
					+ "): the local provisioner needs iproute2", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackProvisioningException("Interrupted while running " + String.join(" ", command));
		}
	}

	private static int toInt(String address) {
		String[] octets = address.split("\\.");
		if (octets.length != 4) {
			throw new IllegalArgumentException("Not an IPv4 address: " + address);
		}
		int value = 0;
		for (String octet : octets) {
			value = (value << 8) | Integer.parseInt(octet);
		}
		return value;
	}

	private static String toText(int address) {
		return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
				+ (address & 255);
	}

}
