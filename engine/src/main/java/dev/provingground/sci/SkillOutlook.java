package dev.provingground.sci;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Where a learner's standing in a skill goes from here: what the next tier asks of them (the deployed decision's own
 * rule, each test checked against their figures), and how freshness decay will move their SCI and tier if they do
 * nothing.
 */
@Service
public class SkillOutlook {

	/** The days ahead the forecast shows. */
	static final List<Integer> FORECAST_DAYS = List.of(0, 30, 60, 90, 180, 365);

	private final SkillStandings standings;

	private final TierDecision decision;

	private final SciParameters parameters;

	private final Clock clock;

	SkillOutlook(SkillStandings standings, TierDecision decision, SciParameters parameters, Optional<Clock> clock) {
		this.standings = standings;
		this.decision = decision;
		this.parameters = parameters;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * @param next what the next tier up asks, or null at the top tier
	 * @param forecast the SCI and tier on days ahead without new evidence
	 * @param tierDropsOn the first day the decay would lower the tier, or null if it stays within a year
	 */
	public record Outlook(String skill, Tier tier, double sci, TierDecision.Requirements next, List<Day> forecast,
			LocalDate tierDropsOn) {
	}

	public record Day(int daysAhead, LocalDate date, double freshness, double sci, Tier tier) {
	}

	public Outlook of(String learnerId, String skill) {
		SciExplanation now = standings.explain(learnerId, skill);
		SkillFigures figures = now.figures();
		Tier tier = now.tier() == null ? Tier.CLAIMED : now.tier();
		double freshness = now.components()
			.stream()
			.filter(part -> part.name().equals("freshness"))
			.mapToDouble(SciExplanation.Part::points)
			.sum();
		var segments = decision.segments(figures);
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		List<Day> forecast = new ArrayList<>();
		LocalDate dropsOn = null;
		for (int days = 0; days <= 365; days++) {
			// Freshness halves every half-life: from today's points, d days on is exact in whole days.
			double fresh = round(freshness * Math.pow(2, -days / parameters.halfLifeDays()));
			double sci = round(figures.sci() - freshness + fresh);
			Tier then = TierDecision.tierAt(segments, sci);
			if (dropsOn == null && days > 0 && then.level() < tier.level()) {
				dropsOn = today.plusDays(days);
			}
			if (FORECAST_DAYS.contains(days)) {
				forecast.add(new Day(days, today.plusDays(days), fresh, sci, then));
			}
		}
		var next = java.util.Arrays.stream(Tier.values())
			.filter(candidate -> candidate.level() == tier.level() + 1)
			.findFirst()
			.flatMap(higher -> decision.requirements(higher, figures))
			.orElse(null);
		return new Outlook(skill, tier, figures.sci(), next, forecast, dropsOn);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
