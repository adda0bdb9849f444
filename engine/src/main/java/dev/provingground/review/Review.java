package dev.provingground.review;

import java.time.Instant;
import java.util.Map;

/** A submitted review of one activity. */
public record Review(String processInstanceId, String learnerId, String skill, String activityId, String reviewerId,
		String rubricId, Map<String, Integer> points, double score, boolean passed, String comment,
		Instant reviewedAt) {

	public Review {
		points = Map.copyOf(points);
	}

}
