package dev.provingground.evidence;

import java.util.UUID;

import dev.provingground.platform.TemporaryDataDirectory;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Evidence on the real PostgreSQL and OpenSearch: append-only, and indexed exactly once, even across an outage. */
@SpringBootTest
@TestPropertySource(properties = "provingground.evidence.index-interval=1h") // the test runs the indexer itself
class EvidenceIntegrationTest extends TemporaryDataDirectory {

	@Autowired
	EvidenceStore store;

	@Autowired
	EvidenceIndexer indexer;

	@Autowired
	OpenSearchClient search;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void evidenceIsAppendOnlyAndRecordedOnce() {
		String run = "run-" + UUID.randomUUID();
		Evidence first = store.append("ada", "databases", "scenario-01", run, "reflection", "{\"answer\": \"pooling\"}");
		Evidence again = store.append("ada", "databases", "scenario-01", run, "reflection", "{ \"answer\":\"pooling\" }");

		assertThat(again.id()).isEqualTo(first.id());
		assertThat(first.contentHash()).hasSize(64);
		assertThatThrownBy(() -> jdbc.sql("update evidence set kind = 'diff' where id = ?").param(first.id()).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("evidence is append-only: UPDATE is not allowed");
		assertThatThrownBy(() -> jdbc.sql("delete from evidence where id = ?").param(first.id()).update())
			.hasMessageContaining("evidence is append-only: DELETE is not allowed");
		assertThatThrownBy(() -> store.append("ada", "databases", "scenario-01", run, "reflection", "not json"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("An evidence payload must be JSON");
	}

	@Test
	void evidenceRecordedWhileOpenSearchIsDownIsIndexedExactlyOnceAfterItRecovers() throws Exception {
		String run = "run-" + UUID.randomUUID();
		Evidence evidence = store.append("ada", "databases", "scenario-01", run, "check-results",
				"{\"passed\": true, \"note\": \"outage-" + run + "\"}");
		OpenSearchClient unreachable = new OpenSearchClient(ApacheHttpClient5TransportBuilder
			.builder(new HttpHost("http", "127.0.0.1", 1))
			.setMapper(new JacksonJsonpMapper())
			.build());
		EvidenceIndexer duringOutage = new EvidenceIndexer(jdbc, transactions, unreachable);

		assertThat(duringOutage.indexPending(100)).isZero();
		assertThat(jdbc.sql("select attempts from evidence_outbox where evidence_id = ?").param(evidence.id())
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(store.ofLearner("ada", "databases")).extracting(Evidence::id).contains(evidence.id());

		// OpenSearch is back; the retry is due.
		jdbc.sql("update evidence_outbox set next_attempt_at = now() where evidence_id = ?").param(evidence.id()).update();
		assertThat(indexer.indexPending(100)).isPositive();
		assertThat(indexer.indexPending(100)).as("nothing is indexed twice").isZero();

		search.indices().refresh(refresh -> refresh.index(EvidenceIndex.NAME));
		var hits = search.search(request -> request.index(EvidenceIndex.NAME)
			.query(query -> query.match(match -> match.field("content").query(value -> value.stringValue("outage-" + run)))),
				java.util.Map.class);
		assertThat(hits.hits().hits()).singleElement()
			.satisfies(hit -> assertThat(hit.id()).isEqualTo(evidence.id().toString()));
		assertThat(jdbc.sql("select count(*) from evidence_outbox where evidence_id = ?").param(evidence.id())
			.query(Integer.class).single()).isZero();
	}

}
