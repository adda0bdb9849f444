package dev.provingground.notifications;

import java.time.Instant;

/**
 * One message for the UI.
 *
 * @param recipient a user id, or {@code group:<id>} for every member of a group
 * @param kind a stable name the UI can style by, such as {@code tier-demoted}
 */
public record Notification(long id, String recipient, String kind, String message, Instant createdAt, Instant readAt) {

	public static String group(String groupId) {
		return "group:" + groupId;
	}

}
