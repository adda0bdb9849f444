package dev.provingground.workflow;

import dev.provingground.sci.SkillStandings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static dev.provingground.workflow.ProcessVariables.*;

/** Puts a learner's figures for one skill into the process, as inputs of the {@code sci-tier} decision. */
@Component(ProcessDelegates.LOAD_SKILL_FIGURES)
class LoadSkillFiguresDelegate implements JavaDelegate {

	private final SkillStandings standings;

	LoadSkillFiguresDelegate(SkillStandings standings) {
		this.standings = standings;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var figures = standings.figuresOf((String) execution.getVariable(LEARNER_ID), (String) execution.getVariable(SKILL));
		execution.setVariable(SCI, figures.sci());
		execution.setVariable(CHECKS_PASSED, figures.checksPassed());
		execution.setVariable(RUBRIC_PASSED, figures.rubricPassed());
		execution.setVariable(QUALIFIED_ENDORSERS, figures.qualifiedEndorsers());
	}

}
