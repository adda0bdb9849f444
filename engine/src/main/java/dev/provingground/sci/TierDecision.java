package dev.provingground.sci;

import java.util.Collection;
import java.util.Map;

/**
 * Decides tiers from figures with the deployed {@code sci-tier} decision. The workflow module implements it, so that
 * this module stays free of the engine.
 */
public interface TierDecision {

	/** The tier for each of the figures. */
	Map<SkillFigures, Tier> decide(Collection<SkillFigures> figures);

}
