package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How long tasks had waited for a CPU up to one instant (Linux PSI), on the host and in each service of one stack,
 * and how long each service's own CPU ceiling had held it back; microseconds. Only the difference between two readings
 * means something: see {@link #since}.
 *
 * @param hostSomeMicros the host's {@code some} stall, {@link #UNKNOWN} on a kernel without PSI
 * @param services by service; empty where the machine reports no pressure per stack
 */
public record CpuStall(long atNanos, long hostSomeMicros, Map<String, Service> services) {

	public static final long UNKNOWN = -1;

	private static final Path HOST_PRESSURE = Path.of("/proc/pressure/cpu");

	public CpuStall {
		services = Map.copyOf(services);
	}

	/** One service's {@code some} and {@code full} stall, and its throttled time, so far. */
	public record Service(long someMicros, long fullMicros, long throttledMicros) {
	}

	/**
	 * Over a window, as shares of its wall time (null where unknown): the host's {@code some} stall; the most any one
	 * service of the stack stalled ({@code some}); the most any one service's runnable tasks all waited beyond what its
	 * own ceiling explains ({@code full} less throttled: CPU something else held, a neighbour or another of the stack's
	 * services); and the throttled time summed over services.
	 */
	public record Window(double seconds, Double hostSome, Double stackSome, Double cpuTaken, Double throttled) {
	}

	/** The stalls between an earlier reading and this one. */
	public Window since(CpuStall earlier) {
		double micros = Math.max(1, (atNanos - earlier.atNanos) / 1000.0);
		Double host = hostSomeMicros == UNKNOWN || earlier.hostSomeMicros == UNKNOWN ? null
				: Math.max(0, hostSomeMicros - earlier.hostSomeMicros) / micros;
		Double some = null;
		Double taken = null;
		Double throttled = null;
		for (var entry : services.entrySet()) {
			Service before = earlier.services.get(entry.getKey());
			if (before == null) {
				continue;
			}
			Service now = entry.getValue();
			double serviceThrottled = Math.max(0, now.throttledMicros() - before.throttledMicros()) / micros;
			double serviceFull = Math.max(0, now.fullMicros() - before.fullMicros()) / micros;
			some = Math.max(some == null ? 0 : some, Math.max(0, now.someMicros() - before.someMicros()) / micros);
			taken = Math.max(taken == null ? 0 : taken, Math.max(0, serviceFull - serviceThrottled));
			throttled = (throttled == null ? 0 : throttled) + serviceThrottled;
		}
		return new Window(micros / 1e6, host, some, taken, throttled);
	}

	/** The host's {@code some} CPU stall so far, or {@link #UNKNOWN} on a kernel without PSI. */
	static long readHostSome() {
		try {
			for (String line : Files.readAllLines(HOST_PRESSURE)) {
				if (line.startsWith("some ")) {
					return psiTotal(line);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no PSI here
		}
		return UNKNOWN;
	}

	/** The {@code total=} microseconds of a line of a PSI file ({@code some avg10=0.00 ... total=1234}). */
	static long psiTotal(String line) {
		for (String part : line.strip().split("\\s+")) {
			if (part.startsWith("total=")) {
				return Long.parseLong(part.substring("total=".length()));
			}
		}
		throw new IllegalArgumentException("no total in " + line);
	}

	/** A reading that knows only the host. */
	public static CpuStall ofHost() {
		return new CpuStall(System.nanoTime(), readHostSome(), Map.of());
	}

}
