package dev.provingground.diagnostics;

import dev.provingground.runs.RunStepDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Puts each load run, restart and check run of the fix loop on the run's trail, between the commands, statements and
 * log filters: the reviewer reads one timeline of how the learner diagnosed and what they tried.
 */
@Component
class StepsOnTheTrail {

	private static final Logger log = LoggerFactory.getLogger(StepsOnTheTrail.class);

	private final DiagnosticTrail trail;

	StepsOnTheTrail(DiagnosticTrail trail) {
		this.trail = trail;
	}

	/**
	 * Once the step is committed, in a transaction of its own: a step that is rolled back leaves no entry, and an entry
	 * that cannot be written never undoes the learner's step.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(RunStepDone step) {
		try {
			trail.record(step.runId(), step.learnerId(), step.step(), step.outcome(), null);
		}
		catch (RuntimeException ex) {
			log.warn("The {} of run {} could not go on its trail: {}", step.step(), step.runId(), ex.getMessage());
		}
	}

}
