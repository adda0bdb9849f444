package dev.provingground.sessions;

import java.time.Instant;
import java.util.Map;

/**
 * What one participant said about the other.
 *
 * @param attended whether the evaluated partner took part; without it there are no points
 * @param score the rubric's weighted score in [0,1], or null when the partner did not attend
 * @param endorse the endorsement decision after a held session: null until decided
 */
public record PeerEvaluation(String evaluatorId, String evaluatedId, boolean attended, Map<String, Integer> points,
		Double score, Boolean passed, String comment, Instant submittedAt, Boolean endorse, String endorsementComment) {

	public PeerEvaluation {
		points = points == null ? Map.of() : Map.copyOf(points);
	}

}
