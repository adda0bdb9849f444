package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How long tasks had waited for a CPU up to one instant, on the host and in one stack, how much CPU the host and the
 * stack had used, and how long the stack's own CPU ceilings had held its services back; microseconds. Only the
 * difference between two readings means something: see {@link #since}.
 *
 * @param hostSomeMicros the host's {@code some} stall (Linux PSI), {@link #UNKNOWN} on a kernel without PSI
 * @param hostBusyMicros CPU time the host's CPUs spent on anything but idling, summed over CPUs ({@code /proc/stat})
 * @param hostCpus how many CPUs that is summed over
 * @param stack null where the machine tells nothing per stack
 */
public record CpuStall(long atNanos, long hostSomeMicros, long hostBusyMicros, int hostCpus, Stack stack) {

	public static final long UNKNOWN = -1;

	private static final Path HOST_PRESSURE = Path.of("/proc/pressure/cpu");

	private static final Path HOST_STAT = Path.of("/proc/stat");

	/** {@code /proc/stat} counts in USER_HZ, which Linux fixes at 100 for user space. */
	private static final long MICROS_PER_TICK = 10_000;

	/**
	 * The stack's {@code some} and {@code full} stall (its group's cpu.pressure; {@link #UNKNOWN} without PSI per group),
	 * and each service's own figures.
	 */
	public record Stack(long someMicros, long fullMicros, Map<String, Service> services) {
	}

	/**
	 * One service: the CPU time it used, how long its tasks waited on a run queue (summed over tasks, each task's
	 * schedstat), how long its ceiling throttled it, and that ceiling in CPUs (0 for none).
	 */
	public record Service(long cpuMicros, long waitMicros, long throttledMicros, double ceilingCpus) {
	}

	/**
	 * Over a window (null where unknown): as shares of its wall time, the host's {@code some} stall, the stack's
	 * {@code some} and {@code full} stall (at least one, or all, of its runnable tasks waited), and the throttled time
	 * its own ceilings explain, summed over services; in CPUs, what the host used, what the stack used, and the stack's
	 * shortfall: over its services, the lesser of the run-queue wait beyond throttling and the headroom left under the
	 * ceiling (a service that used its ceiling waited for its own limit, not for a neighbour); and the stack's ceilings,
	 * summed.
	 */
	public record Window(double seconds, Double hostSome, Double stackSome, Double stackFull, Double throttled,
			Double hostBusyCpus, Double stackBusyCpus, Double stackShortCpus, Double stackCeilingCpus) {

		/**
		 * How much CPU something outside the stack and the measuring process took from the stack, as a share of the
		 * window (with PSI per stack) or of the stack's ceilings (without); null where the machine cannot tell.
		 * <p>
		 * With pressure per stack, its {@code full} stall beyond its throttling: a stack's services contending with each
		 * other leave one of them running, so that is not counted, and a ceiling that holds a service back is its own.
		 * Without it (cgroup v1), the lesser of the stack's shortfall and the CPUs others (not the stack, not the measuring
		 * process) used meanwhile: a stack that fell short while nobody else ran waited for itself, and others that ran
		 * while it wanted nothing took nothing.
		 *
		 * @param measuringMicros the CPU time the measuring process used in the window (its load generator, its telemetry,
		 * the checks' own requests): the measurement's, not a neighbour's
		 */
		public Double cpuTaken(long measuringMicros) {
			if (stackFull != null) {
				return Math.max(0, stackFull - throttled);
			}
			if (stackShortCpus == null || hostBusyCpus == null || stackCeilingCpus <= 0) {
				return null;
			}
			double others = Math.max(0, hostBusyCpus - stackBusyCpus - measuringMicros / (seconds * 1e6));
			return Math.min(1, Math.min(others, stackShortCpus) / stackCeilingCpus);
		}

	}

	/** The stalls between an earlier reading and this one. */
	public Window since(CpuStall earlier) {
		double micros = Math.max(1, (atNanos - earlier.atNanos) / 1000.0);
		Double host = share(hostSomeMicros, earlier.hostSomeMicros, micros);
		Double hostBusy = share(hostBusyMicros, earlier.hostBusyMicros, micros);
		if (stack == null || earlier.stack == null) {
			return new Window(micros / 1e6, host, null, null, null, hostBusy, null, null, null);
		}
		double used = 0;
		double shortfall = 0;
		double ceilings = 0;
		double throttled = 0;
		for (var service : stack.services().entrySet()) {
			Service before = earlier.stack.services().get(service.getKey());
			Service now = service.getValue();
			double cpus = now.ceilingCpus() > 0 ? Math.min(now.ceilingCpus(), hostCpus) : hostCpus;
			ceilings += cpus;
			if (before == null) {
				continue; // started meanwhile: nothing to compare
			}
			double usedCpus = Math.max(0, now.cpuMicros() - before.cpuMicros()) / micros;
			double throttledShare = Math.max(0, now.throttledMicros() - before.throttledMicros()) / micros;
			double waitedCpus = Math.max(0, Math.max(0, now.waitMicros() - before.waitMicros()) / micros - throttledShare);
			used += usedCpus;
			throttled += throttledShare;
			shortfall += Math.min(waitedCpus, Math.max(0, cpus - usedCpus));
		}
		return new Window(micros / 1e6, host, share(stack.someMicros(), earlier.stack.someMicros(), micros),
				share(stack.fullMicros(), earlier.stack.fullMicros(), micros), throttled, hostBusy, used, shortfall,
				Math.min(ceilings, hostCpus));
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

	/** A reading of the host, with what the machine tells of the stack (null for nothing). */
	public static CpuStall of(Stack stack) {
		long busy = UNKNOWN;
		int cpus = 0;
		try {
			for (String line : Files.readAllLines(HOST_STAT)) {
				if (line.startsWith("cpu ")) {
					busy = busyMicros(line);
				}
				else if (line.startsWith("cpu")) {
					cpus++;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			busy = UNKNOWN;
		}
		return new CpuStall(System.nanoTime(), readHostSome(), busy, busy == UNKNOWN ? 0 : cpus, stack);
	}

	/**
	 * The busy time of a {@code /proc/stat} cpu line: user, nice, system and steal. Not idle or iowait; not interrupts,
	 * which on a measured host are mostly the stack's own loopback traffic and are charged to no task; guests are in
	 * user already.
	 */
	static long busyMicros(String line) {
		String[] columns = line.strip().split("\\s+");
		long busy = 0;
		for (int column = 1; column < Math.min(columns.length, 9); column++) {
			if (column < 4 || column == 8) {
				busy += Long.parseLong(columns[column]);
			}
		}
		return busy * MICROS_PER_TICK;
	}

	/** A reading that knows only the host. */
	public static CpuStall ofHost() {
		return of(null);
	}

}
