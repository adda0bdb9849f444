package dev.provingground.workflow;

import java.time.Instant;
import java.util.Set;

import dev.provingground.review.Calibrations;
import dev.provingground.sci.EndorsementRings;
import dev.provingground.sci.FinishedActivity;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.provingground.workflow.ProcessDelegates.*;
import static dev.provingground.workflow.ProcessVariables.*;

/** The steps that feed a learner's standing: activities, endorsements, and the tier the decision chose. */
@Configuration(proxyBeanMethods = false)
class StandingDelegates {

	/** Puts a learner's figures for one skill into the process, as inputs of the {@code sci-tier} decision. */
	@Bean(LOAD_SKILL_FIGURES)
	JavaDelegate loadSkillFigures(SkillStandings standings) {
		return execution -> {
			execution.setVariables(standings.figuresOf(text(execution, LEARNER_ID), text(execution, SKILL)).decisionInputs());
		};
	}

	/** Stores the tier that the {@code sci-tier} decision chose. */
	@Bean(RECORD_TIER)
	JavaDelegate recordTier(SkillStandings standings) {
		return execution -> standings.recordTier(text(execution, LEARNER_ID), text(execution, SKILL),
				Tier.fromDecision(text(execution, TIER)));
	}

	/** The reviewer chose to endorse the learner; it counts if they hold tier 3 or above and it forms no ring. */
	@Bean(RECORD_ENDORSEMENT)
	JavaDelegate recordEndorsement(EndorsementRings endorsements) {
		return execution -> endorsements.endorse(text(execution, LEARNER_ID), text(execution, SKILL),
				text(execution, REVIEWER_ID), text(execution, ENDORSEMENT_COMMENT), execution.getProcessInstanceId());
	}

	/**
	 * The finished run or project, as an activity of the SCI: its check score, and its rubric score if reviewed,
	 * weighted by the reviewer's calibration.
	 */
	@Bean(RECORD_ACTIVITY)
	JavaDelegate recordActivity(SkillStandings standings, Calibrations calibrations) {
		return execution -> {
			boolean checksPassed = flag(execution, ALL_CHECKS_PASSED);
			String reviewer = text(execution, REVIEWER_ID);
			standings.recordActivity(new FinishedActivity(execution.getProcessInstanceId(),
					text(execution, LEARNER_ID), text(execution, SKILL), text(execution, ACTIVITY_ID), checksPassed,
					Instant.now(), number(execution, CHECK_SCORE, 0.0), number(execution, RUBRIC_SCORE, null),
					checksPassed, flag(execution, REVIEW_PASSED), reviewer == null ? Set.of() : Set.of(reviewer),
					reviewer == null ? 1.0 : calibrations.weightOf(reviewer), concepts(execution)));
		};
	}

	/** The activity's concepts; none for a project, or a run started before runs carried them. */
	private static Set<String> concepts(DelegateExecution execution) {
		Set<String> concepts = new java.util.HashSet<>();
		if (execution.getVariable(ACTIVITY_CONCEPTS) instanceof java.util.Collection<?> names) {
			names.forEach(name -> concepts.add(String.valueOf(name)));
		}
		return concepts;
	}

	static String text(DelegateExecution execution, String name) {
		return (String) execution.getVariable(name);
	}

	static boolean flag(DelegateExecution execution, String name) {
		return Boolean.TRUE.equals(execution.getVariable(name));
	}

	private static Double number(DelegateExecution execution, String name, Double absent) {
		return execution.getVariable(name) instanceof Number value ? value.doubleValue() : absent;
	}

}
