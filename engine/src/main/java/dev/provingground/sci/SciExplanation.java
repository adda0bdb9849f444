package dev.provingground.sci;

import java.util.List;

/**
 * Why a learner's SCI in a skill is what it is: each component with its formula and what contributed how much.
 *
 * @param tier the tier last decided, or null when the learner has no standing in the skill yet
 * @param figures what the tier decision reads, computed now
 */
public record SciExplanation(String learnerId, String skill, double sci, Tier tier, SkillFigures figures,
		List<Part> components) {

	public SciExplanation {
		components = List.copyOf(components);
	}

	/** One component: its points out of its maximum, the formula, and the contributions that add up to the points. */
	public record Part(String name, double points, double max, String formula, List<Source> contributions) {

		public Part {
			contributions = List.copyOf(contributions);
		}

	}

	/**
	 * What one source added.
	 *
	 * @param source an activity's process instance (whose evidence carries the same id), or a reviewer for reliability
	 * @param activity what the activity was, such as the scenario id; null for a reviewer
	 */
	public record Source(String source, String activity, double points) {
	}

}
