package dev.provingground.sci;

import java.util.List;

/**
 * The deployed {@code sci-tier} decision, for deciding many tiers at once (the daily decay). The workflow module
 * implements it, so that this module stays free of the engine.
 */
public interface TierDecision {

	/**
	 * For fixed other inputs, the tier as a step function of the SCI: segments that cover 0–100 without gaps, in order.
	 * The decay joins every learner's SCI to them, so the decision is evaluated per segment, not per learner.
	 */
	List<Segment> segments(boolean checksPassed, boolean rubricPassed, int qualifiedEndorsers);

	/** SCI values from {@code from} to {@code to}, each end included or not, get this tier. */
	record Segment(double from, boolean fromIncluded, double to, boolean toIncluded, Tier tier) {
	}

}
