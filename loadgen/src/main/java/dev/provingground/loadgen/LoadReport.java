package dev.provingground.loadgen;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, measured after the warm-up.
 *
 * @param completed whether the run ran its whole duration; false when it was cancelled or hit a bound
 * @param cutShortReason why it did not complete, or null
 * @param requests requests completed (answered or failed) after the warm-up
 * @param errors failed requests among them
 * @param errorsByKind failures by kind: {@code status 500}, {@code timeout}, or an exception name such as
 * {@code ConnectException}
 * @param throughputRps completed requests per second of measured time
 * @param measured how long the measured part of the run lasted
 * @param samples every per-second sample, warm-up included
 */
public record LoadReport(boolean completed, String cutShortReason, long requests, long errors,
		Map<String, Long> errorsByKind, double throughputRps, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
		double maxMs, Duration measured, List<LoadSample> samples) {

	public LoadReport {
		errorsByKind = Map.copyOf(errorsByKind);
		samples = List.copyOf(samples);
	}

	public double errorRate() {
		return requests == 0 ? 0 : (double) errors / requests;
	}

}
