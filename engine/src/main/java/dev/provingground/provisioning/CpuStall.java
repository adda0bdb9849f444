package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long tasks had waited for a CPU up to one instant (Linux PSI), on the host and in one stack, and how long the
 * stack's own CPU ceilings had held its services back; microseconds. Only the difference between two readings
 * means something: see {@link #since}.
 *
 * @param hostSomeMicros the host's {@code some} stall, {@link #UNKNOWN} on a kernel without PSI
 * @param stack null where the machine reports no pressure per stack
 */
public record CpuStall(long atNanos, long hostSomeMicros, Stack stack) {

	public static final long UNKNOWN = -1;

	private static final Path HOST_PRESSURE = Path.of("/proc/pressure/cpu");

	/** The stack's {@code some} and {@code full} stall (its group's cpu.pressure), and its services' throttled time. */
	public record Stack(long someMicros, long fullMicros, long throttledMicros) {
	}

	/**
	 * Over a window, as shares of its wall time (null where unknown): the host's {@code some} stall; the stack's
	 * {@code some} stall (at least one of its tasks waited); the CPU taken from it, its {@code full} stall (its runnable
	 * tasks all waited, none of them running) less the throttled time its own ceilings explain; and that throttled time,
	 * summed over services. A stack's services contending with each other leave one of them running, so they are not
	 * counted as taken; a ceiling that holds a service back is its own, so it is not either.
	 */
	public record Window(double seconds, Double hostSome, Double stackSome, Double cpuTaken, Double throttled) {
	}

	/** The stalls between an earlier reading and this one. */
	public Window since(CpuStall earlier) {
		double micros = Math.max(1, (atNanos - earlier.atNanos) / 1000.0);
		Double host = share(hostSomeMicros, earlier.hostSomeMicros, micros);
		if (stack == null || earlier.stack == null) {
			return new Window(micros / 1e6, host, null, null, null);
		}
		double throttled = share(stack.throttledMicros(), earlier.stack.throttledMicros(), micros);
		return new Window(micros / 1e6, host, share(stack.someMicros(), earlier.stack.someMicros(), micros),
				Math.max(0, share(stack.fullMicros(), earlier.stack.fullMicros(), micros) - throttled), throttled);
	}

	private static Double share(long now, long before, double micros) {
		return now == UNKNOWN || before == UNKNOWN ? null : Math.max(0, now - before) / micros;
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
		return new CpuStall(System.nanoTime(), readHostSome(), null);
	}

}
