package dev.provingground.runs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One learner's run of one scenario.
 *
 * @param busyWith the learner action a job is running now ({@code load}, {@code restart}, {@code checks}), or null
 * @param attempts how many times the learner ran the checks
 * @param checkFailures how many times each check failed, by check id: it picks the next hint
 * @param checkScore the share of checks the last check run passed, or null before the first
 * @param baselineReport the baseline load run's report (JSON), the "before" evidence
 * @param lastCheckReport the last check run's verdicts, hints and load reports (JSON)
 * @param lastAction what the learner's last load run or restart did (JSON)
 * @param reflection the learner's answers (JSON)
 */
public record ScenarioRun(UUID id, String learnerId, String scenarioId, String scenarioVersion, String skill,
		String processInstanceId, RunState state, String busyWith, UUID stackId, int attempts,
		Map<String, Integer> checkFailures, boolean checksPassed, boolean gaveUp, Double checkScore,
		@JsonRawValue String baselineReport, @JsonRawValue String lastCheckReport, @JsonRawValue String lastAction,
		@JsonRawValue String reflection, Instant startedAt, Instant updatedAt, Instant endedAt) {

	public ScenarioRun {
		checkFailures = Map.copyOf(checkFailures);
	}

}
