package dev.provingground.checks;

import java.util.List;

/**
 * The outcome of one check.
 *
 * @param message what happened, in a sentence a learner understands
 * @param hint the next progressive hint when the check failed, else null
 */
public record CheckVerdict(String checkId, String title, String kind, boolean passed, List<Measurement> measurements,
		String message, String hint) {

	public CheckVerdict {
		measurements = List.copyOf(measurements);
	}

}
