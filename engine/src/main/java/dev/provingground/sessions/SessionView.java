package dev.provingground.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session as one of its participants sees it.
 *
 * @param role {@code requester} or {@code partner}
 * @param partnerId the other participant (or the proposed one); null while matching
 * @param prompt what the pair designs; null until a partner was found
 * @param waitingFor what the session waits for from this participant now: {@code answer} (accept or decline),
 * {@code evaluate}, {@code endorse}, or null
 * @param myEvaluation what this participant said about the partner, once submitted
 * @param evaluationOfMe what the partner said about this participant, once the session is settled, so that neither
 * can adjust their evaluation to the other's
 */
public record SessionView(UUID id, String role, String requesterId, String partnerId, String skill, SessionState state,
		Instant windowStart, Instant windowEnd, Instant matchDeadline, Prompt prompt, Instant slotStart,
		Instant slotEnd, Instant acceptBy, List<String> absent, String waitingFor, PeerEvaluation myEvaluation,
		PeerEvaluation evaluationOfMe, Instant createdAt, Instant endedAt) {
}
