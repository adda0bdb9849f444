package dev.provingground.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the evidence index from PostgreSQL: drops and recreates the index, then queues every evidence item in the
 * outbox, which the indexer drains in batches on whichever node runs it. In that order nothing is lost, whatever
 * runs meanwhile: an item indexed into the old index is queued again, one indexed while there is no index fails and
 * is retried, and evidence recorded meanwhile comes with its own outbox row. The document id is the evidence id, so
 * nothing is indexed twice. At startup, a missing or damaged index is rebuilt by itself.
 */
@Service
class EvidenceIndexRebuild {

	private static final Logger log = LoggerFactory.getLogger(EvidenceIndexRebuild.class);

	private final JdbcClient jdbc;

	private final EvidenceIndex index;

	EvidenceIndexRebuild(JdbcClient jdbc, OpenSearchClient search) {
		this.jdbc = jdbc;
		this.index = new EvidenceIndex(search);
	}

	/**
	 * @param queued evidence items queued for the indexer: every item recorded when the rebuild started
	 * @param tookMillis how long dropping, recreating and queueing took; the indexing goes on after
	 */
	record Rebuilt(long queued, long tookMillis) {
	}

	/**
	 * @param reason why, for the log
	 * @throws UncheckedIOException when OpenSearch cannot be reached
	 */
	Rebuilt rebuild(String reason) {
		log.info("Rebuilding the evidence index from PostgreSQL: {}", reason);
		long started = System.nanoTime();
		try {
			index.recreate();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not recreate the evidence index: " + ex.getMessage(), ex);
		}
		long recreated = System.nanoTime();
		log.info("Dropped the evidence index and created it empty in {} ms", millis(started, recreated));
		// Due at once, even for an item that has been failing (against the missing index) and waits minutes to retry.
		long queued = jdbc.sql("""
				insert into evidence_outbox (evidence_id) select id from evidence
				on conflict (evidence_id) do update set attempts = 0, next_attempt_at = now(), last_error = null
				""").update();
		long finished = System.nanoTime();
		log.info("Queued {} evidence items for the indexer in {} ms; search finds them all once it has indexed them",
				queued, millis(recreated, finished));
		return new Rebuilt(queued, millis(started, finished));
	}

	/**
	 * Rebuilds the index when it is missing or does not mirror PostgreSQL.
	 * @return why it was rebuilt; empty when it was sound
	 * @throws UncheckedIOException when OpenSearch cannot be reached
	 */
	Optional<String> rebuildIfDamaged() {
		EvidenceIndexHealth health;
		try {
			health = EvidenceIndexHealth.read(index, jdbc);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not check the evidence index: " + ex.getMessage(), ex);
		}
		Optional<String> damage = health.damage();
		if (damage.isEmpty()) {
			log.debug("The evidence index is sound: {}", health);
		}
		damage.ifPresent(why -> rebuild("at startup, " + why));
		return damage;
	}

	/** Only checks and queues, so it holds up the start briefly; the indexer does the indexing in the background. */
	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			rebuildIfDamaged();
		}
		catch (RuntimeException ex) {
			// Search may miss evidence until then; the evidence itself is safe in PostgreSQL.
			log.warn("Checking the evidence index at startup failed; the next start checks again, and an admin can "
					+ "rebuild it from the evidence search page: {}", ex.toString());
		}
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

}
