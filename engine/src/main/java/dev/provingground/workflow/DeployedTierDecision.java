package dev.provingground.workflow;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.provingground.sci.SkillFigures;
import dev.provingground.sci.Tier;
import dev.provingground.sci.TierDecision;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import static dev.provingground.workflow.ProcessVariables.*;

/**
 * The latest deployed version of {@code sci-tier.dmn}, for deciding many tiers at once (the daily decay). It is
 * evaluated by Camunda's DMN engine without writing decision history: the decay evaluates it thousands of times a day,
 * and the history of those evaluations would say nothing the tier changes do not.
 */
@Component
class DeployedTierDecision implements TierDecision {

	static final String DECISION_KEY = "sci-tier";

	private final RepositoryService repository;

	private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private volatile ParsedDecision parsed;

	DeployedTierDecision(RepositoryService repository) {
		this.repository = repository;
	}

	@Override
	public Map<SkillFigures, Tier> decide(Collection<SkillFigures> figures) {
		DmnDecision decision = latest();
		Map<SkillFigures, Tier> tiers = new LinkedHashMap<>();
		for (SkillFigures input : figures) {
			var result = dmn.evaluateDecisionTable(decision, Variables.createVariables()
				.putValue(SCI, input.sci())
				.putValue(CHECKS_PASSED, input.checksPassed())
				.putValue(RUBRIC_PASSED, input.rubricPassed())
				.putValue(QUALIFIED_ENDORSERS, input.qualifiedEndorsers()));
			tiers.put(input, Tier.fromDecision(result.getSingleEntry()));
		}
		return tiers;
	}

	/** Parses the latest version once, and again only after an admin deployed a new one. */
	private DmnDecision latest() {
		var definition = repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(DECISION_KEY)
			.latestVersion()
			.singleResult();
		if (definition == null) {
			throw new IllegalStateException("The " + DECISION_KEY + " decision is not deployed");
		}
		ParsedDecision current = parsed;
		if (current == null || !current.definitionId().equals(definition.getId())) {
			current = new ParsedDecision(definition.getId(),
					dmn.parseDecision(DECISION_KEY, repository.getDmnModelInstance(definition.getId())));
			parsed = current;
		}
		return current.decision();
	}

	private record ParsedDecision(String definitionId, DmnDecision decision) {
	}

}
