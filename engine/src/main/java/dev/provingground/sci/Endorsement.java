package dev.provingground.sci;

import java.time.Instant;
import java.util.UUID;

/**
 * A peer's endorsement of a learner in a skill.
 *
 * @param endorserTier the endorser's tier in the skill when they endorsed
 * @param counts whether it counts towards the Peer-endorsed tier: the endorser held tier 3 or above, and it is not held
 * @param held part of a mutual endorsement ring, waiting for an admin to clear it; it does not count meanwhile
 * @param heldReason why it is held, or null
 */
public record Endorsement(UUID id, String learnerId, String skill, String endorserId, Tier endorserTier,
		boolean counts, String comment, String processInstanceId, Instant endorsedAt, boolean held,
		String heldReason) {
}
