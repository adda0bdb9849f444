package dev.provingground.runs;

import java.util.UUID;

/**
 * A learner's step in the fix loop is done: a load run, a restart or a check run, with what came of it in a sentence.
 * The diagnostics module puts it on the run's trail, so that the reviewer reads the diagnosis and the tries on one
 * timeline.
 *
 * @param step {@code load}, {@code restart} or {@code check}
 */
public record RunStepDone(UUID runId, String learnerId, String step, String outcome) {
}
