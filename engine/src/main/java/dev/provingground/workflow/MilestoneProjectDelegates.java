package dev.provingground.workflow;

import java.util.UUID;

import dev.provingground.milestones.ProjectRuns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.provingground.workflow.ProcessDelegates.*;
import static dev.provingground.workflow.ProcessVariables.*;
import static dev.provingground.workflow.StandingDelegates.text;

/**
 * The milestone-project steps that do a project's work. Each reads the project run id, calls one {@link ProjectRuns}
 * method and, where the model branches on the outcome, writes it back as a variable.
 */
@Configuration(proxyBeanMethods = false)
class MilestoneProjectDelegates {

	@Bean(OPEN_MILESTONE)
	JavaDelegate openMilestone(ProjectRuns projects) {
		return execution -> {
			projects.openMilestone(projectRunId(execution), text(execution, MILESTONE_ID));
			execution.setVariableLocal(MILESTONE_PASSED, false);
		};
	}

	@Bean(CHECK_MILESTONE)
	JavaDelegate checkMilestone(ProjectRuns projects) {
		return execution -> execution.setVariableLocal(MILESTONE_PASSED,
				projects.checkMilestone(projectRunId(execution)).passed());
	}

	@Bean(GIVE_UP_MILESTONE)
	JavaDelegate giveUpMilestone(ProjectRuns projects) {
		return execution -> projects.giveUpMilestone(projectRunId(execution));
	}

	/** Records the evidence, and the project's outcome as the SCI reads it: the share of milestones passed. */
	@Bean(RECORD_PROJECT_EVIDENCE)
	JavaDelegate recordProjectEvidence(ProjectRuns projects) {
		return execution -> {
			UUID runId = projectRunId(execution);
			projects.recordEvidence(runId);
			var run = projects.get(runId);
			double score = run.score(projects.projectOf(run).milestones().size());
			execution.setVariable(CHECK_SCORE, score);
			execution.setVariable(ALL_CHECKS_PASSED, score == 1.0);
		};
	}

	@Bean(CANCEL_PROJECT)
	JavaDelegate cancelProject(ProjectRuns projects) {
		return execution -> projects.cancel(projectRunId(execution));
	}

	@Bean(COMPLETE_PROJECT)
	JavaDelegate completeProject(ProjectRuns projects) {
		return execution -> projects.complete(projectRunId(execution));
	}

	static UUID projectRunId(DelegateExecution execution) {
		return UUID.fromString(text(execution, PROJECT_RUN_ID));
	}

}
