package dev.provingground.checks;

import java.util.List;
import java.util.Map;

import dev.provingground.loadgen.LoadReport;
import dev.provingground.telemetry.TelemetrySummary;

/**
 * Every verdict of one "check my solution", with the load runs and telemetry behind them, by profile name.
 *
 * @param queuedMillis how long its load runs waited for their turn on the host, before they were measured
 */
public record CheckReport(List<CheckVerdict> verdicts, Map<String, LoadReport> loadReports,
		Map<String, TelemetrySummary> telemetry, long queuedMillis) {

	public CheckReport {
		verdicts = List.copyOf(verdicts);
		loadReports = Map.copyOf(loadReports);
		telemetry = Map.copyOf(telemetry);
	}

	public boolean allPassed() {
		return !verdicts.isEmpty() && verdicts.stream().allMatch(CheckVerdict::passed);
	}

	public CheckVerdict verdict(String checkId) {
		return verdicts.stream()
			.filter(verdict -> verdict.checkId().equals(checkId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no verdict for check " + checkId));
	}

}
