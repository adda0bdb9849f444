package dev.provingground.notifications;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores notifications and answers what a user has to read. */
@Service
public class Notifications {

	/** A notification to send: who gets it, its kind and its text. */
	public record Message(String recipient, String kind, String text) {
	}

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void send(String recipient, String kind, String text) {
		sendAll(List.of(new Message(recipient, kind, text)));
	}

	/** Sends many in one batch, in the caller's transaction: a demotion and its notice commit together. */
	@Transactional
	public void sendAll(Collection<Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		// One statement for any number: the daily decay may tell many learners at once.
		jdbc.sql("insert into notification (recipient, kind, message) select * from unnest(?::text[], ?::text[], ?::text[])")
			.params(messages.stream().map(Message::recipient).toArray(String[]::new),
					messages.stream().map(Message::kind).toArray(String[]::new),
					messages.stream().map(Message::text).toArray(String[]::new))
			.update();
	}

	/** The user's notifications and those of their groups, newest first. */
	public List<Notification> of(String userId, Collection<String> groupIds, boolean unreadOnly, int limit) {
		return jdbc.sql("select * from notification where recipient in (:recipients)"
				+ (unreadOnly ? " and read_at is null" : "") + " order by created_at desc, id desc limit :limit")
			.param("recipients", recipients(userId, groupIds))
			.param("limit", limit)
			.query((rs, row) -> new Notification(rs.getLong("id"), rs.getString("recipient"), rs.getString("kind"),
					rs.getString("message"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
			.list();
	}

	/** Marks one as read; only its own recipient (or a member of its group) may. Returns false when none matched. */
	public boolean markRead(long id, String userId, Collection<String> groupIds) {
		return jdbc.sql("update notification set read_at = coalesce(read_at, now()) where id = :id and recipient in (:recipients)")
			.param("id", id)
			.param("recipients", recipients(userId, groupIds))
			.update() == 1;
	}

	/** A user receives what is sent to them and to each of their groups. */
	private static List<String> recipients(String userId, Collection<String> groupIds) {
		List<String> recipients = new ArrayList<>(groupIds.stream().map(Notification::group).toList());
		recipients.add(userId);
		return recipients;
	}

}
