package dev.provingground.telemetry;

import java.util.List;
import java.util.Map;

/**
 * What the stack did over a whole recording.
 *
 * @param newDbConnections connections opened to the stack's database during the recording (PostgreSQL's session count), or -1 when
 * it could not be read
 * @param requestsPerReplica requests the balancer passed to each replica during the recording; empty without one
 * @param samples every per-second sample
 */
public record TelemetrySummary(int maxDbConnections, long newDbConnections, double maxCpuPercent, double maxRssMb,
		Map<Integer, Long> requestsPerReplica, int replicas, List<TelemetrySample> samples) {

	public TelemetrySummary {
		requestsPerReplica = Map.copyOf(requestsPerReplica);
		samples = List.copyOf(samples);
	}

	/**
	 * The smallest share of requests any replica served, from 0 to 1. A replica that served nothing counts as 0; a stack
	 * with one replica and no balancer has a share of 1.
	 */
	public double minReplicaShare() {
		long total = requestsPerReplica.values().stream().mapToLong(Long::longValue).sum();
		if (requestsPerReplica.isEmpty()) {
			return replicas <= 1 ? 1 : 0;
		}
		if (total == 0) {
			return 0;
		}
		long least = requestsPerReplica.size() < replicas ? 0
				: requestsPerReplica.values().stream().mapToLong(Long::longValue).min().orElse(0);
		return (double) least / total;
	}

}
