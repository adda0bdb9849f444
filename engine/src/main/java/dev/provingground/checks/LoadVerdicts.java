package dev.provingground.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.provingground.catalog.CheckSpec;
import dev.provingground.catalog.CheckSpec.LoadMetric;
import dev.provingground.catalog.CheckSpec.TelemetryMetric;
import dev.provingground.catalog.Threshold;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.telemetry.TelemetrySummary;

/**
 * Verdicts on a load run: its SLOs, and the stack's telemetry during it. Neither passes on a run that was cut short,
 * that could not run, or whose requests mostly failed: a stack that answers every request with a quick 500 is not
 * fast, and one that serves nothing holds no connections.
 */
final class LoadVerdicts {

	/** The error rate above which a run's latency and telemetry prove nothing, when a check sets no error_rate. */
	static final Threshold HEALTHY_RUN = new Threshold(null, 0.01);

	private LoadVerdicts() {
	}

	/** @param failure why the run could not happen, or null */
	record LoadOutcome(LoadReport report, TelemetrySummary telemetry, String failure) {
	}

	static CheckVerdict load(CheckSpec.LoadCheck check, LoadOutcome outcome, int failuresSoFar) {
		if (outcome.report() == null) {
			return Verdicts.failed(check, "The load run could not run: " + outcome.failure(), failuresSoFar);
		}
		LoadReport report = outcome.report();
		List<Measurement> measurements = new ArrayList<>();
		for (Map.Entry<LoadMetric, Threshold> assertion : check.assertions().entrySet()) {
			measurements.add(Verdicts.measure(assertion.getKey().key(), value(report, assertion.getKey()),
					assertion.getValue()));
		}
		if (!check.assertions().containsKey(LoadMetric.ERROR_RATE)) {
			measurements.add(Verdicts.measure(LoadMetric.ERROR_RATE.key(), report.errorRate(), HEALTHY_RUN));
		}
		return Verdicts.of(check, measurements, runProblem(report), failuresSoFar);
	}

	static CheckVerdict telemetry(CheckSpec.TelemetryCheck check, LoadOutcome outcome, int failuresSoFar) {
		if (outcome.report() == null || outcome.telemetry() == null) {
			return Verdicts.failed(check, "The load run could not run: " + outcome.failure(), failuresSoFar);
		}
		TelemetrySummary telemetry = outcome.telemetry();
		List<Measurement> measurements = new ArrayList<>();
		for (Map.Entry<TelemetryMetric, Threshold> assertion : check.assertions().entrySet()) {
			measurements.add(Verdicts.measure(assertion.getKey().key(), value(telemetry, assertion.getKey()),
					assertion.getValue()));
		}
		measurements.add(Verdicts.measure(LoadMetric.ERROR_RATE.key(), outcome.report().errorRate(), HEALTHY_RUN));
		return Verdicts.of(check, measurements, runProblem(outcome.report()), failuresSoFar);
	}

	/** Why a run proves nothing, or null when it counts. */
	static String runProblem(LoadReport report) {
		if (!report.completed()) {
			return "The load run was cut short (" + report.cutShortReason() + "), so it proves nothing";
		}
		if (report.requests() == 0) {
			return "No request completed during the load run";
		}
		return null;
	}

	static double value(LoadReport report, LoadMetric metric) {
		// Latency is measured on answered requests: when every request timed out there is none, and "0 ms" would
		// read as fast.
		boolean latency = metric != LoadMetric.ERROR_RATE && metric != LoadMetric.THROUGHPUT_RPS;
		if (latency && report.maxMs() == 0) {
			return Double.NaN;
		}
		return switch (metric) {
			case P50_MS -> report.p50Ms();
			case P90_MS -> report.p90Ms();
			case P95_MS -> report.p95Ms();
			case P99_MS -> report.p99Ms();
			case MAX_MS -> report.maxMs();
			case ERROR_RATE -> report.errorRate();
			case THROUGHPUT_RPS -> report.throughputRps();
		};
	}

	static double value(TelemetrySummary telemetry, TelemetryMetric metric) {
		return switch (metric) {
			case MAX_DB_CONNECTIONS -> telemetry.maxDbConnections();
			case NEW_DB_CONNECTIONS -> telemetry.newDbConnections() < 0 ? Double.NaN : telemetry.newDbConnections();
			case MIN_REPLICA_SHARE -> telemetry.minReplicaShare();
			case MAX_CPU_PERCENT -> telemetry.maxCpuPercent();
			case MAX_RSS_MB -> telemetry.maxRssMb();
		};
	}

}
