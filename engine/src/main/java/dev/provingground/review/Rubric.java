package dev.provingground.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rubric: criteria with weights, each scored at one of its levels.
 *
 * @param passThreshold the share (0–1] of the highest possible weighted score that passes
 */
public record Rubric(String id, String title, double passThreshold, List<Criterion> criteria) {

	public Rubric {
		criteria = List.copyOf(criteria);
	}

	/** @param weight the criterion's share of the score; the weights of a rubric add up to 1 */
	public record Criterion(String id, String title, double weight, List<Level> levels) {

		public Criterion {
			levels = List.copyOf(levels);
		}

		int maxPoints() {
			return levels.stream().mapToInt(Level::points).max().orElse(0);
		}

	}

	public record Level(int points, String title, String descriptor) {
	}

	/**
	 * Scores a review: the points given for each criterion must be one of its levels, and every criterion needs one.
	 * @throws InvalidScoreException naming every problem; nothing is scored then
	 */
	public RubricScore score(Map<String, Integer> points) {
		List<String> problems = new ArrayList<>();
		for (String criterion : points.keySet()) {
			if (criteria.stream().noneMatch(c -> c.id().equals(criterion))) {
				problems.add("'" + criterion + "' is not a criterion of rubric " + id);
			}
		}
		double score = 0;
		Map<String, Integer> given = new LinkedHashMap<>();
		for (Criterion criterion : criteria) {
			Integer value = points.get(criterion.id());
			if (value == null) {
				problems.add(criterion.id() + " has no score");
			}
			else if (criterion.levels().stream().noneMatch(level -> level.points() == value)) {
				problems.add(criterion.id() + ": " + value + " is not one of its levels "
						+ criterion.levels().stream().map(Level::points).toList());
			}
			else {
				given.put(criterion.id(), value);
				score += criterion.weight() * value / criterion.maxPoints();
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidScoreException(problems);
		}
		return new RubricScore(id, given, score, score + 1e-9 >= passThreshold);
	}

}
