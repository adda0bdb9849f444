package dev.provingground.sci;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tier decision needs to know about one learner and one skill. {@link #decisionInputs} names them as the
 * {@code sci-tier} table reads them.
 *
 * @param sci the Skill Confidence Index, 0–100, as stored: the sum of its components rounded to hundredths
 * @param checksPassed at least one activity passed its automated checks
 * @param rubricPassed at least one peer-reviewed activity passed its rubric
 * @param reviewedPasses the activities that passed their rubric in a review
 * @param passReviewers the distinct reviewers of those passes
 * @param passConcepts the distinct concepts those passed activities cover (an activity that names none is one of its
 * own)
 * @param activities the distinct activities completed: Practice's A
 * @param qualifiedEndorsers distinct endorsers who held tier 3 or above when they endorsed
 */
public record SkillFigures(double sci, boolean checksPassed, boolean rubricPassed, int reviewedPasses,
		int passReviewers, int passConcepts, int activities, int qualifiedEndorsers) {

	/** A claim with no evidence behind it yet. */
	public static final SkillFigures NONE = new SkillFigures(0, false, false, 0, 0, 0, 0, 0);

	/** The input of the decision that the SCI is; the decay varies it alone. */
	public static final String SCI = "sci";

	/** The figures of a learner's activities in one skill, with the SCI computed from them. */
	public static SkillFigures of(double sci, List<FinishedActivity> activities, int qualifiedEndorsers) {
		List<FinishedActivity> passes = activities.stream().filter(FinishedActivity::rubricPassed).toList();
		Set<String> reviewers = new HashSet<>();
		Set<String> concepts = new HashSet<>();
		for (FinishedActivity pass : passes) {
			reviewers.addAll(pass.reviewers());
			concepts.addAll(pass.concepts().isEmpty() ? Set.of(pass.activity()) : pass.concepts());
		}
		long completed = activities.stream().filter(FinishedActivity::completed).map(FinishedActivity::activity)
			.distinct()
			.count();
		return new SkillFigures(sci, activities.stream().anyMatch(FinishedActivity::checksPassed), !passes.isEmpty(),
				passes.size(), reviewers.size(), concepts.size(), (int) completed, qualifiedEndorsers);
	}

	/** The decision's inputs, by the names its table's input expressions use. */
	public Map<String, Object> decisionInputs() {
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put(SCI, sci);
		inputs.put("checksPassed", checksPassed);
		inputs.put("rubricPassed", rubricPassed);
		inputs.put("reviewedPasses", reviewedPasses);
		inputs.put("passReviewers", passReviewers);
		inputs.put("passConcepts", passConcepts);
		inputs.put("activities", activities);
		inputs.put("qualifiedEndorsers", qualifiedEndorsers);
		return inputs;
	}

	/** The same figures with another SCI. */
	public SkillFigures withSci(double other) {
		return new SkillFigures(other, checksPassed, rubricPassed, reviewedPasses, passReviewers, passConcepts,
				activities, qualifiedEndorsers);
	}

}
