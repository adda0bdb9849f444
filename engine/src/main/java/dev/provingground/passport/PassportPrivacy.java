package dev.provingground.passport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Whether a learner's passport is public. Private unless the learner says otherwise. */
@Service
class PassportPrivacy {

	private final JdbcClient jdbc;

	PassportPrivacy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Visibility visibilityOf(String learnerId) {
		return isPublic(learnerId) ? Visibility.PUBLIC : Visibility.PRIVATE;
	}

	boolean isPublic(String learnerId) {
		return jdbc.sql("select public from passport_setting where learner_id = ?")
			.param(learnerId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	void set(String learnerId, Visibility visibility) {
		jdbc.sql("""
				insert into passport_setting (learner_id, public) values (?, ?)
				on conflict (learner_id) do update set public = excluded.public, updated_at = now()
				""").params(learnerId, visibility == Visibility.PUBLIC).update();
	}

	/** The owner always sees their passport; anyone else only a public one. */
	boolean mayRead(String learnerId, String callerId) {
		return learnerId.equals(callerId) || isPublic(learnerId);
	}

}
