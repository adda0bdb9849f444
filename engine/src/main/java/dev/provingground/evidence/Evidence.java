package dev.provingground.evidence;

import java.time.Instant;
import java.util.UUID;

/**
 * One item of evidence.
 *
 * @param activityId the activity it belongs to, such as a scenario id
 * @param kind what it is, such as {@code diff}, {@code load-report}, {@code check-results} or {@code reflection}
 * @param payload the content, as JSON
 * @param contentHash the SHA-256 of the payload, hex
 */
public record Evidence(UUID id, String learnerId, String skill, String activityId, String processInstanceId,
		String kind, String payload, String contentHash, Instant recordedAt) {
}
