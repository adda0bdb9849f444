package dev.provingground.workflow;

import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static dev.provingground.workflow.ProcessVariables.*;

/** Stores the tier that the {@code sci-tier} decision chose. */
@Component(ProcessDelegates.RECORD_TIER)
class RecordTierDelegate implements JavaDelegate {

	private final SkillStandings standings;

	RecordTierDelegate(SkillStandings standings) {
		this.standings = standings;
	}

	@Override
	public void execute(DelegateExecution execution) {
		standings.recordTier((String) execution.getVariable(LEARNER_ID), (String) execution.getVariable(SKILL),
				Tier.fromDecision((String) execution.getVariable(TIER)), ((Number) execution.getVariable(SCI)).doubleValue());
	}

}
