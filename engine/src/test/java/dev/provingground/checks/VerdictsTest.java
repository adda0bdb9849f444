package dev.provingground.checks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provingground.catalog.CheckSpec;
import dev.provingground.catalog.CheckSpec.LoadMetric;
import dev.provingground.catalog.CheckSpec.TelemetryMetric;
import dev.provingground.catalog.Threshold;
import dev.provingground.checks.LoadVerdicts.LoadOutcome;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.telemetry.TelemetrySummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

	private static final List<String> HINTS = List.of("gentle", "closer", "names the concept");

	private final CheckSpec.LoadCheck fast = new CheckSpec.LoadCheck("fast", "Fast", HINTS, "check",
			Map.of(LoadMetric.P95_MS, new Threshold(null, 50.0)));

	private final CheckSpec.TelemetryCheck fewConnections = new CheckSpec.TelemetryCheck("few", "Few connections",
			HINTS, "check", Map.of(TelemetryMetric.MAX_DB_CONNECTIONS, new Threshold(null, 10.0)));

	private final TelemetrySummary quiet = new TelemetrySummary(3, 5, 20, 60, Map.of(), 1, List.of());

	@Test
	void aGoodRunPasses() {
		CheckVerdict verdict = LoadVerdicts.load(fast, new LoadOutcome(report(true, 1000, 0, 12), quiet, null), 0);

		assertThat(verdict.passed()).isTrue();
		assertThat(verdict.message()).isEqualTo("Passed: p95_ms 12 (at most 50), error_rate 0 (at most 0.01)");
		assertThat(verdict.hint()).isNull();
	}

	@Test
	void aRunThatWasCutShortNeverPassesEvenWithGoodNumbers() {
		LoadOutcome cutShort = new LoadOutcome(report(false, 1000, 0, 12), quiet, null);

		CheckVerdict load = LoadVerdicts.load(fast, cutShort, 0);
		CheckVerdict telemetry = LoadVerdicts.telemetry(fewConnections, cutShort, 0);

		assertThat(load.passed()).isFalse();
		assertThat(load.message()).startsWith("The load run was cut short (cancelled by the learner)");
		assertThat(telemetry.passed()).isFalse();
	}

	@Test
	void quickErrorsAreNotSpeedAndServingNothingHoldsNoConnections() {
		LoadOutcome errors = new LoadOutcome(report(true, 1000, 1000, 1), quiet, null);

		CheckVerdict load = LoadVerdicts.load(fast, errors, 0);
		CheckVerdict telemetry = LoadVerdicts.telemetry(fewConnections, errors, 0);

		assertThat(load.passed()).isFalse();
		assertThat(load.message()).isEqualTo("error_rate was 1; it must be at most 0.01");
		assertThat(telemetry.passed()).isFalse();
	}

	@Test
	void aRunThatCouldNotRunFailsWithTheReason() {
		CheckVerdict verdict = LoadVerdicts.load(fast, new LoadOutcome(null, null, "database unreachable"), 0);

		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.message()).isEqualTo("The load run could not run: database unreachable");
	}

	@Test
	void aValueThatCouldNotBeMeasuredFails() {
		var fewNew = new CheckSpec.TelemetryCheck("pooled", "Pooled", HINTS, "check",
				Map.of(TelemetryMetric.NEW_DB_CONNECTIONS, new Threshold(null, 50.0)));
		var unreadable = new TelemetrySummary(3, -1, 20, 60, Map.of(), 1, List.of());

		CheckVerdict verdict = LoadVerdicts.telemetry(fewNew, new LoadOutcome(report(true, 1000, 0, 12), unreadable, null), 0);

		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.message()).isEqualTo("new_db_connections was not measurable; it must be at most 50");
	}

	@Test
	void hintsProgressAndStayOnTheLastOne() {
		assertThat(List.of(0, 1, 2, 7)).extracting(failures -> Verdicts.hint(fast, failures))
			.containsExactly("gentle", "closer", "names the concept", "names the concept");
	}

	@Test
	void answersCompareWithTheDatabaseByMeaning() {
		var json = JsonNodeFactory.instance;
		assertThat(HttpChecks.equal(json.textNode("12.50"), new java.math.BigDecimal("12.5"))).isTrue();
		assertThat(HttpChecks.equal(json.numberNode(1999), 1999)).isTrue();
		assertThat(HttpChecks.equal(json.numberNode(1000), 1999)).isFalse();
		assertThat(HttpChecks.equal(json.textNode("ITEM-1"), "ITEM-1")).isTrue();
		assertThat(HttpChecks.equal(json.textNode("1999"), "ITEM-1")).isFalse();
		assertThat(HttpChecks.equal(json.nullNode(), null)).isTrue();
		assertThat(HttpChecks.equal(json.textNode(""), null)).isFalse();
		assertThat(HttpChecks.equal(json.textNode("2026-01-02T03:04:05.000Z"),
				java.time.OffsetDateTime.parse("2026-01-02T04:04:05+01:00"))).isTrue();
	}

	private static LoadReport report(boolean completed, long requests, long errors, double p95) {
		return new LoadReport(completed, completed ? null : "cancelled by the learner", requests, errors,
				errors == 0 ? Map.of() : Map.of("status 500", errors), requests / 8.0, p95 / 2, p95, p95, p95, p95,
				Duration.ofSeconds(8), List.of());
	}

}
