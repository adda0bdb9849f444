package dev.provingground.evidence;

import java.io.IOException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the evidence index still mirrors PostgreSQL: what the startup check reads, and what it makes of it.
 *
 * @param mappingProblem how the mapping differs from the expected one; null when it does not, or there is no index
 * @param recorded evidence rows, counted first
 * @param pending outbox rows, counted next
 * @param documents documents in the index, counted after those
 * @param recordedLast evidence rows, counted last
 */
record EvidenceIndexHealth(boolean exists, String mappingProblem, long recorded, long pending, long documents,
		long recordedLast) {

	/**
	 * Reads the counts in an order that lets a healthy index pass while evidence is being recorded and indexed: an
	 * item recorded before the first count is either still in the outbox or was indexed before its outbox row went;
	 * a document is indexed only after its evidence row was recorded.
	 */
	static EvidenceIndexHealth read(EvidenceIndex index, JdbcClient jdbc) throws IOException {
		long recorded = count(jdbc, "evidence");
		long pending = count(jdbc, "evidence_outbox");
		if (!index.exists()) {
			return new EvidenceIndexHealth(false, null, recorded, pending, 0, recorded);
		}
		String mappingProblem = index.mappingProblem().orElse(null);
		long documents = index.documents();
		return new EvidenceIndexHealth(true, mappingProblem, recorded, pending, documents, count(jdbc, "evidence"));
	}

	/** Why the index must be rebuilt, in plain words; empty when it need not be. */
	Optional<String> damage() {
		if (!exists) {
			// A new platform has no index until the first evidence or search creates it.
			return recorded == 0 ? Optional.empty()
					: Optional.of("the index is missing, and " + recorded + " evidence items are recorded");
		}
		if (mappingProblem != null) {
			return Optional.of("its mapping is not the expected one (" + mappingProblem + ")");
		}
		if (documents + pending < recorded) {
			return Optional.of("it holds " + documents + " documents, but " + recorded
					+ " evidence items are recorded and only " + pending + " wait to be indexed");
		}
		if (documents > recordedLast) {
			return Optional.of("it holds " + documents + " documents, more than the " + recordedLast
					+ " evidence items recorded (was PostgreSQL restored from an older backup?)");
		}
		return Optional.empty();
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
