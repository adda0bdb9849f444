package dev.provingground.passport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Every credential the platform issued, so that an admin can revoke one and a verifier can ask. */
@Service
class IssuedCredentials {

	/** The longest revocation reason. */
	static final int MAX_REASON = 500;

	enum Kind {

		ACHIEVEMENT, ENDORSEMENT

	}

	/**
	 * @param validUntil null for a credential that does not expire
	 * @param revokedAt null unless revoked
	 */
	record Status(UUID id, String learnerId, String skill, Kind kind, Instant issuedAt, Instant validUntil,
			Instant revokedAt, String reason) {

		boolean revoked() {
			return revokedAt != null;
		}

	}

	private final JdbcClient jdbc;

	IssuedCredentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records an issued credential; recording the same id again changes nothing. */
	void record(UUID id, String learnerId, String skill, Kind kind, Instant issuedAt, Instant validUntil) {
		jdbc.sql("""
				insert into passport_credential (id, learner_id, skill, kind, issued_at, valid_until)
				values (?, ?, ?, ?, ?, ?)
				on conflict (id) do nothing
				""").params(id, learnerId, skill, kind.name(), Timestamp.from(issuedAt),
				validUntil == null ? null : Timestamp.from(validUntil)).update();
	}

	Optional<Status> status(UUID id) {
		return jdbc.sql("select * from passport_credential where id = ?").param(id).query(IssuedCredentials::row).optional();
	}

	/**
	 * Revokes a credential. Revoking it again keeps the first revocation.
	 * @return the credential's status, or empty when the platform never issued it
	 * @throws IllegalArgumentException for a reason longer than {@link #MAX_REASON}
	 */
	Optional<Status> revoke(UUID id, String revokedBy, String reason) {
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		if (why != null && why.length() > MAX_REASON) {
			throw new IllegalArgumentException("A revocation reason has at most " + MAX_REASON + " characters");
		}
		jdbc.sql("""
				update passport_credential set revoked_at = now(), revoked_by = ?, reason = ?
				where id = ? and revoked_at is null
				""")
			.params(revokedBy, why, id)
			.update();
		return status(id);
	}

	private static Status row(ResultSet rs, int row) throws SQLException {
		Timestamp validUntil = rs.getTimestamp("valid_until");
		Timestamp revokedAt = rs.getTimestamp("revoked_at");
		return new Status(rs.getObject("id", UUID.class), rs.getString("learner_id"), rs.getString("skill"),
				Kind.valueOf(rs.getString("kind")), rs.getTimestamp("issued_at").toInstant(),
				validUntil == null ? null : validUntil.toInstant(), revokedAt == null ? null : revokedAt.toInstant(),
				rs.getString("reason"));
	}

}
