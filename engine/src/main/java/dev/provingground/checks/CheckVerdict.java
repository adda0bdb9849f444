package dev.provingground.checks;

import java.util.List;

/**
 * The outcome of one check.
 *
 * @param message what happened, in a sentence a learner understands
 * @param hint the next progressive hint when the check failed, else null
 * @param conditions what the load run behind a load or telemetry verdict was measured in; null for other checks
 * @param inconclusive the check did not pass, but every window it was measured in was noisy: it is not a failure
 * @param seed what the check's samples, parameters and written rows were drawn from, so that the verdict can be
 *        reproduced; null for checks that draw nothing
 */
public record CheckVerdict(String checkId, String title, String kind, boolean passed, List<Measurement> measurements,
		String message, String hint, MeasuredConditions conditions, boolean inconclusive, Long seed) {

	public CheckVerdict {
		measurements = List.copyOf(measurements);
		if (inconclusive && passed) {
			throw new IllegalArgumentException("a verdict that passed is conclusive");
		}
	}

	/** A verdict that no measured window stands behind. */
	public CheckVerdict(String checkId, String title, String kind, boolean passed, List<Measurement> measurements,
			String message, String hint) {
		this(checkId, title, kind, passed, measurements, message, hint, null, false, null);
	}

	/** A failure that counts: the check did not pass, in clean conditions or for a reason no noise explains. */
	public boolean failed() {
		return !passed && !inconclusive;
	}

	CheckVerdict measuredIn(MeasuredConditions measured) {
		return new CheckVerdict(checkId, title, kind, passed, measurements, message, hint, measured, inconclusive, seed);
	}

	/** This failure, turned inconclusive: the machine was too busy for it to count. */
	CheckVerdict inconclusiveIn(MeasuredConditions measured) {
		String why = "Inconclusive: the machine was too busy to measure this fairly (" + measured.describe() + "), in "
				+ (measured.reruns() + 1) + " tries; it does not count as a failure. Check again in a minute. What was "
				+ "measured: " + message;
		return new CheckVerdict(checkId, title, kind, false, measurements, why, hint, measured, true, seed);
	}

	CheckVerdict drawnFrom(long drawnFrom) {
		return new CheckVerdict(checkId, title, kind, passed, measurements, message, hint, conditions, inconclusive,
				drawnFrom);
	}

}
