package dev.provingground.runs;

import java.util.UUID;

/**
 * A run's evidence is being recorded, in the recording's transaction: other modules add what they hold of the run
 * (the diagnostic trail) to the same submission.
 */
public record RunEvidenceRecorded(UUID runId, String learnerId, String skill, String scenarioId,
		String processInstanceId) {
}
