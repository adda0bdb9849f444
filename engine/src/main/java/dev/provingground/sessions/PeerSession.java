package dev.provingground.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A learner's request, and once matched the session: the partner, the prompt and the slot.
 *
 * @param partnerId the proposed partner (PROPOSED) or the partner (from SCHEDULED on); null before
 * @param partnerRequestId the partner's own request, held while they answer and joined when they accept
 * @param joinedSessionId for a JOINED request: the session it became part of
 * @param declinedBy who declined this request; it is never proposed to them again
 * @param acceptBy when the proposed partner's time to answer runs out
 * @param absent who did not attend, in a NO_SHOW session
 */
public record PeerSession(UUID id, String requesterId, String skill, Instant windowStart, Instant windowEnd,
		Instant matchDeadline, SessionState state, String partnerId, UUID partnerRequestId, UUID joinedSessionId,
		List<String> declinedBy, String promptId, Instant slotStart, Instant slotEnd, Instant acceptBy,
		Instant acceptedAt, List<String> absent, String cancelledBy, String processInstanceId, Instant createdAt,
		Instant endedAt) {

	public PeerSession {
		declinedBy = List.copyOf(declinedBy);
		absent = List.copyOf(absent);
	}

	public boolean participant(String userId) {
		return userId != null && (userId.equals(requesterId) || userId.equals(partnerId));
	}

	/** The two participants, requester first; only once a partner is set. */
	public List<String> participants() {
		return partnerId == null ? List.of(requesterId) : List.of(requesterId, partnerId);
	}

	/** The other participant, seen from one of them. */
	public String partnerOf(String userId) {
		return userId.equals(requesterId) ? partnerId : requesterId;
	}

	/** What the SCI and the evidence call the activity: the session's prompt. */
	public String activity() {
		return "peer-session:" + promptId;
	}

}
