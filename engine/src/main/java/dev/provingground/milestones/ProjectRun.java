package dev.provingground.milestones;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A learner's work on one project.
 *
 * @param milestoneId the milestone being worked on; null before the first opens and once all are done
 * @param busyWith the learner action a job is running ({@code check}), else null
 * @param milestones the milestones opened so far, in the project's order
 */
public record ProjectRun(UUID id, String learnerId, String projectId, String skill, String processInstanceId,
		ProjectRunState state, String milestoneId, String busyWith, List<MilestoneProgress> milestones,
		Instant startedAt, Instant updatedAt, Instant endedAt) {

	public ProjectRun {
		milestones = List.copyOf(milestones);
	}

	/**
	 * How one milestone went.
	 *
	 * @param position 1 for the project's first milestone
	 * @param lastVerdicts the last check run's verdicts, with hints, as JSON; null before the first check
	 */
	public record MilestoneProgress(String milestoneId, int position, boolean passed, boolean gaveUp, int attempts,
			@JsonRawValue String lastVerdicts, Instant openedAt, Instant finishedAt) {

		/** The reference solution is the learner's to read once the milestone passed or they gave up on it. */
		@JsonProperty
		public boolean solutionRevealed() {
			return passed || gaveUp;
		}

	}

	/** The share of the project's milestones passed on the learner's own work, in [0,1]. */
	public double score(int milestoneCount) {
		return milestoneCount == 0 ? 0 : (double) milestones.stream().filter(MilestoneProgress::passed).count() / milestoneCount;
	}

}
