package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long tasks had waited for a CPU up to one instant (Linux PSI), on the host and in one stack, and how long the
 * stack's own CPU ceilings had held it back; microseconds, {@link #UNKNOWN} where the machine does not say. Only the
 * difference between two readings means something: see {@link #since}.
 */
public record CpuStall(long atNanos, long hostSomeMicros, long stackSomeMicros, long stackFullMicros,
		long stackThrottledMicros) {

	public static final long UNKNOWN = -1;

	private static final Path HOST_PRESSURE = Path.of("/proc/pressure/cpu");

	/** Over a window: each stall as a share of the window's wall time, null where unknown. */
	public record Window(double seconds, Double hostSome, Double stackSome, Double stackFull, Double stackThrottled) {
	}

	/** The stalls between an earlier reading and this one. */
	public Window since(CpuStall earlier) {
		double micros = Math.max(1, (atNanos - earlier.atNanos) / 1000.0);
		return new Window(micros / 1e6, share(hostSomeMicros, earlier.hostSomeMicros, micros),
				share(stackSomeMicros, earlier.stackSomeMicros, micros),
				share(stackFullMicros, earlier.stackFullMicros, micros),
				share(stackThrottledMicros, earlier.stackThrottledMicros, micros));
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
		return new CpuStall(System.nanoTime(), readHostSome(), UNKNOWN, UNKNOWN, UNKNOWN);
	}

}
