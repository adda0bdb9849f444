package dev.provingground.checks;

import java.util.List;
import java.util.stream.Collectors;

import dev.provingground.catalog.CheckSpec;
import dev.provingground.catalog.Threshold;

/** Builds verdicts the same way for every kind: measurements, a message that says what failed, the next hint. */
final class Verdicts {

	private Verdicts() {
	}

	static String kindOf(CheckSpec check) {
		if (check instanceof CheckSpec.LoadCheck) {
			return "load";
		}
		if (check instanceof CheckSpec.HttpCheck) {
			return "http";
		}
		return check instanceof CheckSpec.SqlCheck ? "sql" : "telemetry";
	}

	static Measurement measure(String name, double measured, Threshold threshold) {
		return new Measurement(name, measured, threshold.toString(), threshold.admits(measured));
	}

	/** A verdict from measurements: it passes when all of them pass and nothing else went wrong. */
	static CheckVerdict of(CheckSpec check, List<Measurement> measurements, String problem, int failuresSoFar) {
		boolean passed = problem == null && !measurements.isEmpty() && measurements.stream().allMatch(Measurement::passed);
		String message;
		if (passed) {
			message = "Passed: " + measurements.stream()
				.map(m -> m.name() + " " + format(m.measured()) + " (" + m.expected() + ")")
				.collect(Collectors.joining(", "));
		}
		else {
			String failures = measurements.stream()
				.filter(m -> !m.passed())
				.map(m -> m.name() + " was " + format(m.measured()) + "; it must be " + m.expected())
				.collect(Collectors.joining(". "));
			message = problem == null ? failures : failures.isEmpty() ? problem : problem + ". " + failures;
		}
		return new CheckVerdict(check.id(), check.title(), kindOf(check), passed, measurements, message,
				passed ? null : hint(check, failuresSoFar));
	}

	/** A check that could not be carried out at all. */
	static CheckVerdict failed(CheckSpec check, String problem, int failuresSoFar) {
		return of(check, List.of(), problem, failuresSoFar);
	}

	/** The first hint after the first failure, the next after the second, and the last one from then on. */
	static String hint(CheckSpec check, int failuresSoFar) {
		return check.hints().get(Math.min(Math.max(failuresSoFar, 0), check.hints().size() - 1));
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "not measurable";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Math.abs(value) >= 10 ? String.format("%.1f", value) : String.format("%.3g", value);
	}

}
