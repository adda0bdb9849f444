package dev.provingground.milestones;

import java.util.List;

/**
 * A milestone as the learner's page shows it: why it matters, the guided steps, and what its checks look for. The
 * hints stay on the server: each comes with a failed check, one at a time.
 */
public record MilestoneGuide(String id, String title, String why, List<String> steps, List<CheckTitle> checks) {

	public record CheckTitle(String id, String title, String kind) {
	}

	public static MilestoneGuide of(Milestone milestone) {
		return new MilestoneGuide(milestone.id(), milestone.title(), milestone.why(), milestone.steps(),
				milestone.checks().stream().map(check -> new CheckTitle(check.id(), check.title(), check.kind())).toList());
	}

	public static List<MilestoneGuide> of(Project project) {
		return project.milestones().stream().map(MilestoneGuide::of).toList();
	}

}
