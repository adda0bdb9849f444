package dev.provingground.review;

import java.util.Map;

/**
 * A validated score.
 *
 * @param score the weighted score, from 0 to 1
 */
public record RubricScore(String rubricId, Map<String, Integer> points, double score, boolean passed) {

	public RubricScore {
		points = Map.copyOf(points);
	}

}
