package dev.provingground.sci;

/** The four tiers, from a bare claim to endorsement by verified peers. Decided by {@code sci-tier.dmn}. */
public enum Tier {

	CLAIMED(1), PRACTICED(2), VERIFIED(3), PEER_ENDORSED(4);

	private final int level;

	Tier(int level) {
		this.level = level;
	}

	public int level() {
		return level;
	}

	/** Reads a tier as the decision outputs it; an unknown name is a broken decision model, not bad user input. */
	public static Tier fromDecision(String name) {
		try {
			return Tier.valueOf(name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("The sci-tier decision returned '" + name + "', which is not a tier; "
					+ "expected one of CLAIMED, PRACTICED, VERIFIED, PEER_ENDORSED", ex);
		}
	}

}
