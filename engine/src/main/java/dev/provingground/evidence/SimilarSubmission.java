package dev.provingground.evidence;

import java.util.List;

/**
 * Another learner's submission (a scenario run, a project) whose diff or reflection reads much like the one under review.
 *
 * @param score the best {@code more_like_this} score among its items; comparable only within one answer
 * @param matchedKinds the kinds of evidence that matched, such as {@code diff} and {@code reflection}
 */
public record SimilarSubmission(String processInstanceId, String learnerId, String activityId, double score,
		List<String> matchedKinds) {
}
