package dev.provingground.provisioning;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CPU taken from a stack without PSI per stack (cgroup v1): its shortfall, bounded by what others used. */
class CpuStallTest {

	private static final long SECOND = 1_000_000;

	@Test
	void aServiceHeldBackByItsOwnCeilingHadNothingTakenHoweverBusyTheOthers() {
		// The database used its whole ceiling of 1 CPU; its eight backends queued while it was throttled.
		var window = window(Map.of("db", new CpuStall.Service(SECOND, 8 * SECOND, SECOND / 2, 1.0)), 2 * SECOND);

		assertThat(window.cpuTaken(0)).isCloseTo(0, within(1e-9));
	}

	@Test
	void aServiceStarvedWhileOthersRanHadTheirCpuTaken() {
		// It got a tenth of its ceiling and waited the rest; the host was busy all along with something else.
		var window = window(Map.of("db", new CpuStall.Service(SECOND / 10, 3 * SECOND, 0, 1.0)), 2 * SECOND);

		assertThat(window.cpuTaken(0)).as("the headroom under its ceiling, of its ceiling").isCloseTo(0.9, within(1e-9));
	}

	@Test
	void waitingWhileNobodyElseRanIsTheStacksOwnContention() {
		// Two services contend for the two CPUs, which they use in full: others used nothing.
		var window = window(Map.of("app-0", new CpuStall.Service(SECOND, SECOND, 0, 0),
				"db", new CpuStall.Service(SECOND, SECOND, 0, 0)), 2 * SECOND);

		assertThat(window.cpuTaken(0)).isCloseTo(0, within(1e-9));
	}

	@Test
	void theMeasuringProcessIsNotAnOutsider() {
		// The app waited half a CPU it had room for; the only other work on the host was the measurement's own.
		var window = window(Map.of("app-0", new CpuStall.Service(SECOND / 2, SECOND / 2, 0, 1.0)), SECOND);

		assertThat(window.cpuTaken(SECOND / 2)).isCloseTo(0, within(1e-9));
		assertThat(window.cpuTaken(0)).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void withPressurePerStackItsFullStallBeyondThrottlingDecides() {
		var before = new CpuStall(0, 0, 0, 2, new CpuStall.Stack(0, 0, Map.of("db", new CpuStall.Service(0, 0, 0, 1.0))));
		var after = new CpuStall(1_000_000_000L, SECOND, SECOND, 2, new CpuStall.Stack(SECOND / 2, SECOND / 4,
				Map.of("db", new CpuStall.Service(SECOND / 2, SECOND / 2, SECOND / 10, 1.0))));

		assertThat(after.since(before).cpuTaken(0)).isCloseTo(0.15, within(1e-9));
	}

	@Test
	void theBusyTimeOfAProcStatLineIsTasksAndStealNotIdleIowaitOrInterrupts() {
		// user nice system idle iowait irq softirq steal guest guest_nice, in hundredths of a second
		assertThat(CpuStall.busyMicros("cpu  100 20 30 5000 70 1 2 3 40 0")).isEqualTo(153 * 10_000L);
	}

	/**
	 * One second on a 2-CPU host, from zero: the stack's services used and waited what {@code services} says, and the
	 * host was busy for {@code hostBusyMicros} in all.
	 */
	private static CpuStall.Window window(Map<String, CpuStall.Service> services, long hostBusyMicros) {
		var zero = new java.util.HashMap<String, CpuStall.Service>();
		services.keySet().forEach(name -> zero.put(name, new CpuStall.Service(0, 0, 0, services.get(name).ceilingCpus())));
		var before = new CpuStall(0, CpuStall.UNKNOWN, 0, 2, new CpuStall.Stack(CpuStall.UNKNOWN, CpuStall.UNKNOWN, zero));
		var after = new CpuStall(1_000_000_000L, CpuStall.UNKNOWN, hostBusyMicros, 2,
				new CpuStall.Stack(CpuStall.UNKNOWN, CpuStall.UNKNOWN, services));
		return after.since(before);
	}

}
