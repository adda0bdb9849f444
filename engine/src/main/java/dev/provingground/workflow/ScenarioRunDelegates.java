package dev.provingground.workflow;

import java.util.UUID;

import dev.provingground.runs.ScenarioRuns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.provingground.workflow.ProcessDelegates.*;
import static dev.provingground.workflow.ProcessVariables.*;

/**
 * The scenario-run steps that do a run's work. Each reads the run id, calls one {@link ScenarioRuns} method and, where
 * the model branches on the outcome, writes it back as a variable.
 */
@Configuration(proxyBeanMethods = false)
class ScenarioRunDelegates {

	@Bean(PROVISION_STACK)
	JavaDelegate provisionStack(ScenarioRuns runs) {
		return execution -> runs.provision(runId(execution));
	}

	@Bean(RUN_BASELINE_LOAD)
	JavaDelegate runBaselineLoad(ScenarioRuns runs) {
		return execution -> {
			runs.runBaseline(runId(execution));
			execution.setVariable(BASELINE_RECORDED, true);
		};
	}

	@Bean(RUN_LOAD)
	JavaDelegate runLoad(ScenarioRuns runs) {
		return execution -> runs.runLoad(runId(execution), (String) execution.getVariable(LOAD_PROFILE));
	}

	@Bean(RESTART_STACK)
	JavaDelegate restartStack(ScenarioRuns runs) {
		return execution -> runs.restart(runId(execution));
	}

	@Bean(RUN_CHECKS)
	JavaDelegate runChecks(ScenarioRuns runs) {
		return execution -> {
			var outcome = runs.runChecks(runId(execution));
			execution.setVariable(ALL_CHECKS_PASSED, outcome.allPassed());
			execution.setVariable(CHECK_SCORE, outcome.score());
			execution.setVariable(ATTEMPTS, outcome.attempts());
		};
	}

	@Bean(GIVE_UP)
	JavaDelegate giveUp(ScenarioRuns runs) {
		return execution -> runs.giveUp(runId(execution));
	}

	@Bean(RECORD_EVIDENCE)
	JavaDelegate recordEvidence(ScenarioRuns runs) {
		return execution -> runs.recordEvidence(runId(execution));
	}

	@Bean(TEAR_DOWN_STACK)
	JavaDelegate tearDownStack(ScenarioRuns runs) {
		return execution -> runs.tearDown(runId(execution));
	}

	@Bean(PARK_RUN)
	JavaDelegate parkRun(ScenarioRuns runs) {
		return execution -> runs.park(runId(execution));
	}

	@Bean(CANCEL_RUN)
	JavaDelegate cancelRun(ScenarioRuns runs) {
		return execution -> runs.cancel(runId(execution));
	}

	@Bean(COMPLETE_RUN)
	JavaDelegate completeRun(ScenarioRuns runs) {
		return execution -> runs.complete(runId(execution));
	}

	static UUID runId(DelegateExecution execution) {
		return UUID.fromString((String) execution.getVariable(RUN_ID));
	}

}
