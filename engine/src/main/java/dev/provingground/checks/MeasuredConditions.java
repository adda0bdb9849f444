package dev.provingground.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * The conditions one load profile was measured in, for the verdicts that rest on it. Pressures are shares of the
 * measured window (Linux PSI); null where the machine does not report them.
 *
 * @param cpuTaken how much of the window something outside the stack and the measuring process held CPUs the stack was
 * waiting for, beyond what its own CPU ceilings explain ({@link dev.provingground.provisioning.CpuStall.Window#cpuTaken}).
 * The noise guard decides on this.
 * @param generatorWait how long the load generator's threads waited for a CPU, as a share of the window (summed over
 * its threads): a generator that waits sends and reads late, and the latencies grow for reasons not the stack's
 * @param stackPressure how much of it at least one of the stack's tasks waited for a CPU, its ceilings included
 * @param hostPressure how much of it at least one task of the host waited for a CPU (with isolation, mostly tasks
 * that do not compete with the stack: it is recorded, not decided on)
 * @param throttled how much of it the stack's own CPU ceilings held its services back (summed over services)
 * @param queuedMillis how long the check run waited for its turn before it was measured
 * @param reruns how often the profile ran again because the windows before were noisy
 * @param rate the rate the profile ran at, where it follows the host's speed (ADR 0026); null for the declared one
 * @param speedDrift how many times dearer a unit of the scenario's work was right after the window than in the reading
 * the rate was sized for (NaN: unknown); null where the rate does not follow the host's speed
 * @param sizedForHost whether a pass in this window counts: false only where the host ran faster than the rate was
 * sized for, so that the load may have been too light to tell one unit of capacity from a fix
 * @param clean whether the window the verdicts come from was clean
 */
public record MeasuredConditions(Double cpuTaken, Double generatorWait, Double stackPressure, Double hostPressure,
		Double throttled, long queuedMillis, int reruns, Integer rate, Double speedDrift, boolean sizedForHost,
		boolean clean) {

	/** The conditions in a sentence, for a learner or a reviewer. */
	public String describe() {
		List<String> parts = new ArrayList<>();
		if (cpuTaken != null) {
			parts.add("CPU taken from the stack " + percent(cpuTaken));
		}
		if (generatorWait != null) {
			parts.add("load generator waited for a CPU " + percent(generatorWait));
		}
		if (hostPressure != null) {
			parts.add("host CPU pressure " + percent(hostPressure));
		}
		if (throttled != null) {
			parts.add("held back by its own CPU limits " + percent(throttled));
		}
		if (rate != null) {
			parts.add("load sized to this host's speed: " + rate + " a second");
		}
		if (speedDrift != null) {
			parts.add(speedDrift.isNaN() ? "the host's speed could not be read after the window"
					: speedDrift >= 1 ? "the host ran " + Math.round((speedDrift - 1) * 100) + "% slower than the load assumed"
							: "the host ran " + Math.round((1 / speedDrift - 1) * 100) + "% faster than the load assumed");
		}
		if (parts.isEmpty()) {
			parts.add("the machine reports no CPU pressure");
		}
		return String.join(", ", parts);
	}

	private static String percent(double share) {
		return Math.round(share * 1000) / 10.0 + "% of the window";
	}

}
