package dev.provingground.evidence;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import dev.provingground.platform.RecurringJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves evidence from the outbox into the OpenSearch index. The document id is the evidence id, so indexing twice
 * cannot make two documents; an outbox row goes only after OpenSearch accepted its document. Failures back off
 * (2 s, 4 s, ... up to 5 minutes) and are retried, so an OpenSearch outage delays indexing and loses nothing.
 */
@Component
public class EvidenceIndexer {

	private static final Logger log = LoggerFactory.getLogger(EvidenceIndexer.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final OpenSearchClient search;

	private final EvidenceIndex index;

	public EvidenceIndexer(JdbcClient jdbc, TransactionTemplate transactions, OpenSearchClient search) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.search = search;
		this.index = new EvidenceIndex(search);
	}

	/** Indexes up to {@code batch} due items and returns how many reached the index. */
	public int indexPending(int batch) {
		Integer indexed = transactions.execute(status -> {
			// SKIP LOCKED: two platform nodes share the work instead of indexing the same rows.
			List<Evidence> due = jdbc.sql("""
					select e.* from evidence_outbox o join evidence e on e.id = o.evidence_id
					where o.next_attempt_at <= now()
					order by o.next_attempt_at
					limit ?
					for update of o skip locked
					""").param(batch).query(EvidenceStore::row).list();
			int done = 0;
			for (Evidence evidence : due) {
				try {
					index.ensureExists();
					search.index(request -> request.index(EvidenceIndex.NAME)
						.id(evidence.id().toString())
						.document(document(evidence)));
					jdbc.sql("delete from evidence_outbox where evidence_id = ?").param(evidence.id()).update();
					done++;
				}
				catch (IOException | RuntimeException ex) {
					log.warn("Indexing evidence {} failed, will retry: {}", evidence.id(), ex.toString());
					jdbc.sql("""
							update evidence_outbox
							set attempts = attempts + 1, last_error = ?,
							    next_attempt_at = now() + make_interval(secs => least(300, power(2, attempts + 1)))
							where evidence_id = ?
							""").params(String.valueOf(ex.getMessage()), evidence.id()).update();
				}
			}
			return done;
		});
		if (indexed != null && indexed > 0) {
			log.debug("Indexed {} evidence item(s)", indexed);
		}
		return indexed == null ? 0 : indexed;
	}

	static Map<String, Object> document(Evidence evidence) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("learner_id", evidence.learnerId());
		document.put("skill", evidence.skill());
		document.put("activity_id", evidence.activityId());
		document.put("process_instance_id", evidence.processInstanceId());
		document.put("kind", evidence.kind());
		// The payload's shape differs by kind; indexed as text, it is searchable without mapping conflicts.
		document.put("content", evidence.payload());
		document.put("content_hash", evidence.contentHash());
		document.put("recorded_at", evidence.recordedAt().toString());
		return document;
	}

	/** Quartz runs the indexer every few seconds, on one node at a time, and it survives restarts. */
	@DisallowConcurrentExecution
	static class IndexerJob implements Job {

		private static final int BATCH = 100;

		private final EvidenceIndexer indexer;

		IndexerJob(EvidenceIndexer indexer) {
			this.indexer = indexer;
		}

		@Override
		public void execute(JobExecutionContext context) {
			long started = System.nanoTime();
			int total = 0;
			int indexed;
			do {
				indexed = indexer.indexPending(BATCH);
				total += indexed;
			}
			while (indexed == BATCH); // a full batch: there may be more
			// A backlog (a rebuild of the index, the end of an outage) is worth a line; single items are not.
			if (total > BATCH) {
				log.info("Indexed {} evidence items in {} ms", total, (System.nanoTime() - started) / 1_000_000);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		JobDetail evidenceIndexerJob() {
			return RecurringJobs.job("evidence-indexer", IndexerJob.class);
		}

		@Bean
		Trigger evidenceIndexerTrigger(JobDetail evidenceIndexerJob,
				@Value("${provingground.evidence.index-interval:2s}") Duration interval) {
			return RecurringJobs.every(interval, evidenceIndexerJob);
		}

	}

}
