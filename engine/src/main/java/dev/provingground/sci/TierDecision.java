package dev.provingground.sci;

import java.util.List;
import java.util.Optional;

/**
 * The deployed {@code sci-tier} decision, for deciding many tiers at once (the daily decay) and for telling a learner
 * what a tier asks of them. The workflow module implements it, so that this module stays free of the engine.
 */
public interface TierDecision {

	/**
	 * For fixed other inputs (the figures but their SCI), the tier as a step function of the SCI: segments that cover
	 * 0–100 without gaps, in order. The decay joins every learner's SCI to them, so the decision is evaluated per
	 * segment, not per learner.
	 */
	List<Segment> segments(SkillFigures others);

	/** SCI values from {@code from} to {@code to}, each end included or not, get this tier. */
	record Segment(double from, boolean fromIncluded, double to, boolean toIncluded, Tier tier) {

		boolean contains(double sci) {
			boolean above = fromIncluded ? sci >= from : sci > from;
			boolean below = toIncluded ? sci <= to : sci < to;
			return above && below;
		}

	}

	/** The tier of the figures, as the tier-update process would decide it. */
	default Tier decide(SkillFigures figures) {
		return tierAt(segments(figures), figures.sci());
	}

	/** The tier of the segment that holds {@code sci}. */
	static Tier tierAt(List<Segment> segments, double sci) {
		return segments.stream()
			.filter(segment -> segment.contains(sci))
			.map(Segment::tier)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the sci-tier decision gives no tier for SCI " + sci));
	}

	/**
	 * What the decision's rule for {@code tier} asks, each test evaluated on the learner's figures. Empty when no rule
	 * gives that tier.
	 */
	Optional<Requirements> requirements(Tier tier, SkillFigures figures);

	/** @param description the rule's own words */
	record Requirements(Tier tier, String description, List<Condition> conditions) {
	}

	/**
	 * One test of the rule.
	 *
	 * @param label the input's label, such as "SCI (0–100)"
	 * @param test the test as the table writes it, such as {@code >= 75}
	 * @param current the learner's value of the input
	 * @param met whether the learner's value passes the test
	 */
	record Condition(String label, String test, Object current, boolean met) {
	}

}
