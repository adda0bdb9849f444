package dev.provingground.sci;

/** How a change of tier is told to the learner. */
final class TierChanges {

	static final String DEMOTED = "tier-demoted";

	static final String PROMOTED = "tier-promoted";

	/** Why a tier changed, as recorded in {@code tier_change}. */
	static final String REASON_ACTIVITY = "activity";

	static final String REASON_DECAY = "freshness-decay";

	private TierChanges() {
	}

	/** @param byDecay the daily decay lowered it, rather than a recompute after an activity */
	static String message(String skill, Tier from, Tier to, double sci, boolean byDecay) {
		String sciText = String.format(java.util.Locale.ROOT, "%.2f", sci);
		if (to.level() < from.level()) {
			return "Your tier in " + skill + " went down from " + name(from) + " to " + name(to) + ": your SCI is now "
					+ sciText + (byDecay ? ", because your newest evidence is getting older. A new activity in " + skill
							+ " restores freshness." : ", after your latest activity.");
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
