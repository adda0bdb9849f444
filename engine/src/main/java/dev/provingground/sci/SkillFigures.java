package dev.provingground.sci;

/**
 * What the tier decision needs to know about one learner and one skill.
 *
 * @param sci the Skill Confidence Index, 0–100, as stored: the sum of its components rounded to hundredths
 * @param checksPassed at least one activity passed its automated checks
 * @param rubricPassed at least one peer-reviewed activity passed its rubric
 * @param qualifiedEndorsers distinct endorsers who held tier 3 or above when they endorsed
 */
public record SkillFigures(double sci, boolean checksPassed, boolean rubricPassed, int qualifiedEndorsers) {

	/** A claim with no evidence behind it yet. */
	public static final SkillFigures NONE = new SkillFigures(0, false, false, 0);

}
