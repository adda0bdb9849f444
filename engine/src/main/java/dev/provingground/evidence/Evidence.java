package dev.provingground.evidence;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

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

	private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{1,40}");

	/** The same rule as the table's check constraint, with a message fit to show the caller. */
	static void requireValidKind(String kind) {
		if (kind == null || !KIND.matcher(kind).matches()) {
			throw new IllegalArgumentException(
					"An evidence kind is 2–41 lowercase letters, digits, - or _, not '" + kind + "'");
		}
	}

}
