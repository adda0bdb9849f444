package dev.provingground.sci;

import java.time.Instant;
import java.util.Set;

/**
 * An activity that ended and counts towards a learner's SCI in one skill.
 *
 * @param id the activity's process instance
 * @param activity what was done, such as the scenario id
 * @param completed it passed its checks (a scenario) or was completed (a project, a session): it counts as practice
 * @param checkScore the share of automated checks passed, in [0,1], or null without checks
 * @param rubricScore the reviewer-weighted rubric score in [0,1], or null when not reviewed
 * @param reviewers the reviewers and evaluators who scored it
 * @param rubricWeight how much the rubric score counts in Proof, in [0,1]: the reviewer's calibration weight (1 for a
 * reviewer who has not calibrated, and for a peer's evaluation)
 * @param concepts what the activity is about, such as the scenario's concepts; none makes it a concept of its own
 */
public record FinishedActivity(String id, String learnerId, String skill, String activity, boolean completed,
		Instant completedAt, Double checkScore, Double rubricScore, boolean checksPassed, boolean rubricPassed,
		Set<String> reviewers, double rubricWeight, Set<String> concepts) {

	public FinishedActivity {
		reviewers = Set.copyOf(reviewers);
		concepts = Set.copyOf(concepts);
		requireScore("checkScore", checkScore);
		requireScore("rubricScore", rubricScore);
		requireScore("rubricWeight", rubricWeight);
	}

	/** The activity as the SCI calculator reads it. */
	public SciCalculator.Activity scored() {
		return new SciCalculator.Activity(id, activity, completed, completedAt, checkScore, rubricScore, reviewers,
				rubricWeight);
	}

	private static void requireScore(String name, Double score) {
		if (score != null && !(score >= 0 && score <= 1)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, not " + score);
		}
	}

}
