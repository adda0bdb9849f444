package dev.provingground.diagnostics;

import dev.provingground.runs.RunStepDone;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts each load run, restart and check run of the fix loop on the run's trail, between the commands, statements and
 * log filters: the reviewer reads one timeline of how the learner diagnosed and what they tried.
 */
@Component
class StepsOnTheTrail {

	private final DiagnosticTrail trail;

	StepsOnTheTrail(DiagnosticTrail trail) {
		this.trail = trail;
	}

	/** In the step's transaction: a step that is rolled back leaves no entry. */
	@EventListener
	void on(RunStepDone step) {
		trail.record(step.runId(), step.learnerId(), step.step(), step.outcome(), null);
	}

}
