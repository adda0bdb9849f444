package dev.provingground.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.provingground.sci.SkillFigures;
import dev.provingground.sci.Tier;
import dev.provingground.sci.TierDecision;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * The latest deployed version of {@code sci-tier.dmn}, for deciding many tiers at once (the daily decay). It is
 * evaluated by Camunda's DMN engine without writing decision history: the decay evaluates it many times a day, and
 * the history of those evaluations would say nothing the recorded tier changes do not.
 */
@Component
class DeployedTierDecision implements TierDecision {

	static final String DECISION_KEY = "sci-tier";

	/** The name a unary test knows its input by, as in the DMN engine's tables. */
	private static final String CELL_INPUT = "cellInput";

	private final RepositoryService repository;

	private final DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
		.createDefaultDmnEngineConfiguration();

	private final DmnEngine dmn = configuration.buildEngine();

	/** Evaluates one cell of the table on its own: "does this learner pass this test?" */
	private final FeelEngine feel = configuration.getFeelEngine();

	private volatile ParsedDecision parsed;

	DeployedTierDecision(RepositoryService repository) {
		this.repository = repository;
	}

	@Override
	public List<Segment> segments(SkillFigures others) {
		ParsedDecision decision = latest();
		List<Segment> segments = new ArrayList<>();
		List<Double> points = decision.sciBreakpoints();
		for (int i = 0; i < points.size(); i++) {
			double point = points.get(i);
			add(segments, new Segment(point, true, point, true, tier(decision, others.withSci(point))));
			if (i + 1 < points.size()) {
				double next = points.get(i + 1);
				add(segments, new Segment(point, false, next, false, tier(decision, others.withSci((point + next) / 2))));
			}
		}
		return segments;
	}

	@Override
	public Optional<Requirements> requirements(Tier tier, SkillFigures figures) {
		var table = latest().model().getModelElementsByType(DecisionTable.class).iterator().next();
		var inputs = new ArrayList<>(table.getInputs());
		Map<String, Object> values = figures.decisionInputs();
		for (Rule rule : table.getRules()) {
			String output = rule.getOutputEntries().iterator().next().getTextContent().trim().replace("\"", "");
			if (!output.equals(tier.name())) {
				continue;
			}
			List<Condition> conditions = new ArrayList<>();
			var entries = new ArrayList<>(rule.getInputEntries());
			for (int i = 0; i < inputs.size(); i++) {
				String test = entries.get(i).getTextContent().trim();
				if (test.isEmpty() || test.equals("-")) {
					continue;
				}
				var input = inputs.get(i);
				Object current = values.get(input.getInputExpression().getText().getTextContent().trim());
				boolean met = current != null && feel.evaluateSimpleUnaryTests(test, CELL_INPUT,
						Variables.createVariables().putValue(CELL_INPUT, current).asVariableContext());
				conditions.add(new Condition(input.getLabel(), test, current, met));
			}
			String description = rule.getDescription() == null ? "" : rule.getDescription().getTextContent().trim();
			return Optional.of(new Requirements(tier, description, conditions));
		}
		return Optional.empty();
	}

	/** Joins a segment to the previous one when they touch and have the same tier. */
	private static void add(List<Segment> segments, Segment segment) {
		if (!segments.isEmpty()) {
			Segment last = segments.get(segments.size() - 1);
			if (last.tier() == segment.tier() && last.to() == segment.from() && (last.toIncluded() || segment.fromIncluded())) {
				segments.set(segments.size() - 1, new Segment(last.from(), last.fromIncluded(), segment.to(),
						segment.toIncluded(), last.tier()));
				return;
			}
		}
		segments.add(segment);
	}

	private Tier tier(ParsedDecision decision, SkillFigures figures) {
		var result = dmn.evaluateDecisionTable(decision.decision(),
				Variables.fromMap(figures.decisionInputs()));
		return Tier.fromDecision(result.getSingleEntry());
	}

	/** Parses the latest version once, and again only after an admin deployed a new one. */
	private ParsedDecision latest() {
		var definition = repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(DECISION_KEY)
			.latestVersion()
			.singleResult();
		if (definition == null) {
			throw new IllegalStateException("The " + DECISION_KEY + " decision is not deployed");
		}
		ParsedDecision current = parsed;
		if (current == null || !current.definitionId().equals(definition.getId())) {
			DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
			current = new ParsedDecision(definition.getId(), model, dmn.parseDecision(DECISION_KEY, model),
					sciBreakpoints(model));
			parsed = current;
		}
		return current;
	}

	private record ParsedDecision(String definitionId, DmnModelInstance model, DmnDecision decision,
			List<Double> sciBreakpoints) {
	}

	/**
	 * Where the tier can change as the SCI moves from 0 to 100. When every test on the SCI compares it with numbers
	 * ({@code >= 75}, {@code [60..75)}, {@code < 60, > 90}), the tier is constant between those numbers, so they are
	 * the breakpoints. Any other expression could change anywhere: then every hundredth is a breakpoint, which is
	 * slower but still exact, as stored SCIs have two decimals.
	 */
	static List<Double> sciBreakpoints(DmnModelInstance model) {
		var table = model.getModelElementsByType(DecisionTable.class).iterator().next();
		var inputs = new ArrayList<>(table.getInputs());
		int column = -1;
		for (int i = 0; i < inputs.size(); i++) {
			if (SkillFigures.SCI.equals(inputs.get(i).getInputExpression().getText().getTextContent().trim())) {
				column = i;
			}
		}
		TreeSet<Double> points = new TreeSet<>(List.of(0.0, 100.0));
		boolean simple = column >= 0;
		for (Rule rule : table.getRules()) {
			if (!simple) {
				break;
			}
			String test = new ArrayList<>(rule.getInputEntries()).get(column).getTextContent().trim();
			if (!COMPARISONS.matcher(test).matches()) {
				simple = false;
				break;
			}
			Matcher number = NUMBER.matcher(test);
			while (number.find()) {
				double value = Double.parseDouble(number.group());
				if (value > 0 && value < 100) {
					points.add(value);
				}
			}
		}
		if (!simple) {
			points.clear();
			for (int hundredths = 0; hundredths <= 10_000; hundredths++) {
				points.add(hundredths / 100.0);
			}
		}
		return List.copyOf(points);
	}

	/** Unary tests made only of numbers, comparisons, ranges, lists and "any" ({@code -} or empty). */
	private static final Pattern COMPARISONS = Pattern.compile("^[\\s0-9.,<>=\\[\\]()-]*$");

	private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

}
