package dev.provingground.sci;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.provingground.identity.Groups;
import dev.provingground.notifications.Notification;
import dev.provingground.notifications.Notifications;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Endorsements, with the collusion rule: when A endorses B and B endorses A within 30 days (in any skill), both are
 * held. A held endorsement is shown but does not count towards a tier until an admin clears it; the tiers it touches
 * are decided again when it is held and when it is cleared.
 */
@Service
public class EndorsementRings {

	/** Endorsements of each other within this window form a ring. */
	static final Duration WINDOW = Duration.ofDays(30);

	private final JdbcClient jdbc;

	private final SkillStandings standings;

	private final TierDecision decision;

	private final Notifications notifications;

	/** The decision is lazy: it lives in the process engine, whose delegates use this class. */
	EndorsementRings(JdbcClient jdbc, SkillStandings standings, @Lazy TierDecision decision, Notifications notifications) {
		this.jdbc = jdbc;
		this.standings = standings;
		this.decision = decision;
		this.notifications = notifications;
	}

	/**
	 * Records an endorsement (see {@link SkillStandings#endorse}) and holds it, with the other direction, when the two
	 * learners endorsed each other within 30 days.
	 */
	@Transactional
	public Endorsement endorse(String learnerId, String skill, String endorserId, String comment,
			String processInstanceId) {
		Endorsement endorsement = standings.endorse(learnerId, skill, endorserId, comment, processInstanceId);
		List<Endorsement> reverse = jdbc.sql("""
				select * from endorsement
				where learner_id = ? and endorser_id = ? and cleared_at is null
				  and endorsed_at >= ?::timestamptz - make_interval(days => ?)
				""").params(endorserId, learnerId, java.sql.Timestamp.from(endorsement.endorsedAt()), (int) WINDOW.toDays())
			.query(SkillStandings::endorsement)
			.list();
		if (reverse.isEmpty()) {
			return endorsement;
		}
		Set<UUID> ring = new LinkedHashSet<>();
		ring.add(endorsement.id());
		reverse.forEach(other -> ring.add(other.id()));
		String reason = endorserId + " and " + learnerId + " endorsed each other within " + WINDOW.toDays() + " days";
		for (UUID id : ring) {
			jdbc.sql("update endorsement set held = true, held_reason = ? where id = ?").params(reason, id).update();
		}
		notifications.send(Notification.group(Groups.ADMINS), "endorsement-ring",
				reason + ". Their endorsements do not count until you clear them (Admin, held endorsements).");
		decideAgain(learnerId, skill);
		reverse.forEach(other -> decideAgain(other.learnerId(), other.skill()));
		return one(endorsement.id());
	}

	/** The endorsements waiting for an admin, oldest first. */
	public List<Endorsement> held() {
		return jdbc.sql("select * from endorsement where held order by endorsed_at")
			.query(SkillStandings::endorsement)
			.list();
	}

	/**
	 * An admin found the mutual endorsement genuine: it counts from now on, and the learner's tier is decided again.
	 * @throws IllegalArgumentException when there is no held endorsement with this id
	 */
	@Transactional
	public Endorsement clear(UUID endorsementId, String adminId) {
		int cleared = jdbc.sql("update endorsement set held = false, cleared_by = ?, cleared_at = now() where id = ? and held")
			.params(adminId, endorsementId)
			.update();
		if (cleared == 0) {
			throw new IllegalArgumentException("There is no held endorsement " + endorsementId);
		}
		Endorsement endorsement = one(endorsementId);
		decideAgain(endorsement.learnerId(), endorsement.skill());
		return endorsement;
	}

	/** The tier from the deployed decision for the learner's figures now, as the tier-update process would decide it. */
	private void decideAgain(String learnerId, String skill) {
		if (standings.tierOf(learnerId, skill).isEmpty()) {
			return; // no standing yet: the activity's own tier update comes next
		}
		standings.decideAgain(learnerId, skill, decision, TierChanges.REASON_ACTIVITY);
	}

	private Endorsement one(UUID id) {
		return jdbc.sql("select * from endorsement where id = ?").param(id).query(SkillStandings::endorsement).single();
	}

}
