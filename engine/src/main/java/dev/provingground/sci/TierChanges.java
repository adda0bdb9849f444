package dev.provingground.sci;

/** How a change of tier is told to the learner. */
final class TierChanges {

	static final String DEMOTED = "tier-demoted";

	static final String PROMOTED = "tier-promoted";

	/** Why a tier changed, as recorded in {@code tier_change}. */
	static final String REASON_ACTIVITY = "activity";

	static final String REASON_DECAY = "freshness-decay";

	/** The SCI model changed ({@link SciModelRedecision}): every standing was decided again. */
	static final String REASON_MODEL = "model-change";

	private TierChanges() {
	}

	/** @param reason why it changed: one of the {@code REASON_} constants */
	static String message(String skill, Tier from, Tier to, double sci, String reason) {
		String sciText = String.format(java.util.Locale.ROOT, "%.2f", sci);
		if (to.level() < from.level()) {
			return "Your tier in " + skill + " went down from " + name(from) + " to " + name(to) + ": your SCI is now "
					+ sciText + switch (reason) {
						case REASON_DECAY -> ", because your newest evidence is getting older. A new activity in " + skill
								+ " restores freshness.";
						case REASON_MODEL -> ", because the platform now asks for more evidence: one activity proves less "
								+ "than several, and a tier needs breadth. Your skills page says what the next tier needs.";
						default -> ", after your latest activity.";
					};
		}
		return "Your tier in " + skill + " went up from " + name(from) + " to " + name(to) + " (SCI " + sciText + ").";
	}

	static String name(Tier tier) {
		return switch (tier) {
			case CLAIMED -> "Claimed";
			case PRACTICED -> "Practiced";
			case VERIFIED -> "Verified";
			case PEER_ENDORSED -> "Peer-endorsed";
		};
	}

}
