package dev.provingground.telemetry;

import java.util.Map;

/**
 * One second of a stack's telemetry.
 *
 * @param dbConnections the most client connections to the stack's database seen during the second
 * @param dbActive the most of them running a query at once
 * @param cpuPercent CPU use of each replica during the second, in percent of one core, by replica index
 * @param rssMb resident memory of each replica at the end of the second, by replica index
 */
public record TelemetrySample(int second, int dbConnections, int dbActive, Map<Integer, Double> cpuPercent,
		Map<Integer, Double> rssMb) {

	public TelemetrySample {
		cpuPercent = Map.copyOf(cpuPercent);
		rssMb = Map.copyOf(rssMb);
	}

}
