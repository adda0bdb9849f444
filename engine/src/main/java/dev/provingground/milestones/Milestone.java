package dev.provingground.milestones;

import java.util.List;

/**
 * One milestone of a project.
 *
 * @param why why the milestone matters, in a sentence or two
 * @param steps the guided steps, in order, as short instructions
 * @param checks the document checks that decide whether the milestone is done
 */
public record Milestone(String id, String title, String why, List<String> steps, List<DocumentCheck> checks) {

	public Milestone {
		steps = List.copyOf(steps);
		checks = List.copyOf(checks);
	}

}
