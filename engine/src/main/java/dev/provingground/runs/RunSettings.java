package dev.provingground.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How runs behave over time.
 *
 * @param idleAfter a run without learner actions for this long is parked: its stack is torn down
 * @param reviewEscalateAfter a review nobody claimed for this long is escalated to the admins
 * @param endorsementWindow how long a reviewer has to endorse after a passing review
 * @param maxReflectionChars the longest answer to one reflection question
 * @param maxActivePerLearner how many runs one learner may have in progress (provisioning, working or reflecting),
 * each with a stack of its own
 */
@ConfigurationProperties("provingground.runs")
public record RunSettings(Duration idleAfter, Duration reviewEscalateAfter, Duration endorsementWindow,
		int maxReflectionChars, int maxActivePerLearner) {

	public RunSettings {
		idleAfter = idleAfter == null ? Duration.ofMinutes(30) : idleAfter;
		reviewEscalateAfter = reviewEscalateAfter == null ? Duration.ofDays(2) : reviewEscalateAfter;
		endorsementWindow = endorsementWindow == null ? Duration.ofDays(7) : endorsementWindow;
		maxReflectionChars = maxReflectionChars <= 0 ? 10_000 : maxReflectionChars;
		maxActivePerLearner = maxActivePerLearner <= 0 ? 3 : maxActivePerLearner;
	}

}
