package dev.provingground.loadgen;

/**
 * What one second of a run looked like, for live dashboards.
 *
 * @param second seconds since the run started, from 1
 * @param warmUp whether the second belongs to the warm-up, which the report leaves out
 * @param requests responses and failures completed in this second
 * @param errors the failures among them (status 4xx/5xx, timeouts, connection errors)
 * @param inFlight requests sent but not yet answered at the end of the second
 */
public record LoadSample(int second, boolean warmUp, long requests, long errors, long inFlight, double p50Ms,
		double p90Ms, double p95Ms, double p99Ms, double maxMs) {
}
