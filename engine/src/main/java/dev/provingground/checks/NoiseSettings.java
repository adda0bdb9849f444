package dev.provingground.checks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a measured window is too noisy for a failure to count (ADR 0019).
 *
 * @param maxCpuTaken the share of the window that something outside the stack may hold the CPUs its runnable tasks
 * wait for; above it the window is noisy. Clean windows of correct fixes measured 0.014 to 0.049, beside busy
 * neighbours or busy loops outside every stack alike (ADR 0019). Where the machine reports no pressure per stack (v1
 * cgroups, Docker), it is not measured.
 * @param maxGeneratorWait the share of the window that the load generator's threads may wait for a CPU; above it
 * the window is noisy
 * @param maxReruns how often a profile whose failing window was noisy runs again
 * @param calmWait how long a re-run first waits for the host to calm down, at most
 * @param calmHostPressure the host counts as calm once, over a second, its tasks waited for a CPU less than this share
 * @param maxSpeedDrift for a load whose rate follows the host's speed (ADR 0026): how many times dearer, or cheaper, a
 * unit of the scenario's work may be after the window than before it; beyond it the rate did not fit the window
 */
@ConfigurationProperties("provingground.checks.noise")
public record NoiseSettings(@DefaultValue("0.10") double maxCpuTaken, @DefaultValue("0.10") double maxGeneratorWait,
		@DefaultValue("2") int maxReruns, @DefaultValue("20s") Duration calmWait,
		@DefaultValue("0.3") double calmHostPressure, @DefaultValue("1.25") double maxSpeedDrift) {

	public NoiseSettings {
		if (!isShare(maxCpuTaken) || !isShare(calmHostPressure) || maxGeneratorWait <= 0 || maxReruns < 0
				|| maxReruns > 5 || calmWait.isNegative() || !(maxSpeedDrift > 1)) {
			throw new IllegalArgumentException("provingground.checks.noise: max-cpu-taken and calm-host-pressure are "
					+ "shares between 0 and 1, max-generator-wait is positive, max-reruns is 0 to 5, and calm-wait is "
					+ "not negative, and max-speed-drift is above 1");
		}
	}

	private static boolean isShare(double value) {
		return value > 0 && value < 1;
	}

}
