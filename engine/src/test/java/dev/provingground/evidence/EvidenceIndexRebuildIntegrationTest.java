package dev.provingground.evidence;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rebuilding the evidence index from PostgreSQL, on the real PostgreSQL and OpenSearch, with the real indexer
 * draining the outbox as it does in production: by an admin over REST, and by the startup check when the index is
 * missing or damaged. After each, the index holds every evidence item exactly once.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "provingground.evidence.index-interval=500ms")
class EvidenceIndexRebuildIntegrationTest extends TemporaryDataDirectory {

	private static final String REINDEX = "/api/admin/evidence/reindex";

	@Autowired
	EvidenceStore store;

	@Autowired
	EvidenceIndexRebuild rebuild;

	@Autowired
	OpenSearchClient search;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	/** A word no other test uses, so that a search for it finds only this test's items. */
	private final String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@Test
	void anAdminRebuildsADeletedIndexAndSearchFindsEveryItemOnceAgain() throws Exception {
		List<String> recorded = record(25);
		awaitIndexMirrorsEvidence();
		search.indices().delete(request -> request.index(EvidenceIndex.NAME));

		mvc.perform(post(REINDEX).with(user("eve-" + word).roles("EVALUATOR")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post(REINDEX).with(user("ada-" + word).roles("LEARNER")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(new EvidenceIndex(search).exists()).as("a refused rebuild does nothing").isFalse();

		mvc.perform(post(REINDEX).with(user("root-" + word).roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.queued").value(count("evidence")))
			.andExpect(jsonPath("$.tookMillis").isNumber());
		awaitIndexMirrorsEvidence();

		mvc.perform(get("/api/evidence").param("q", word).param("size", "100").with(user("root-" + word).roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(recorded.size()))
			.andExpect(jsonPath("$.hits[*].id", containsInAnyOrder(recorded.toArray())));
		assertThat(new EvidenceIndex(search).mappingProblem()).isEmpty();
	}

	@Test
	void evidenceRecordedWhileTheIndexIsRebuiltIsIndexedOnceToo() throws Exception {
		record(10);
		var recording = CompletableFuture.supplyAsync(() -> record(40));
		rebuild.rebuild("a test rebuilds while evidence is recorded");
		rebuild.rebuild("a test rebuilds again while evidence is recorded");
		List<String> recordedMeanwhile = recording.join();

		awaitIndexMirrorsEvidence();
		assertThat(indexedIds()).containsAll(recordedMeanwhile);
	}

	@Test
	void startupRecreatesAMissingIndex() throws Exception {
		record(5);
		awaitIndexMirrorsEvidence();
		assertThat(rebuild.rebuildIfDamaged()).as("a sound index is left alone").isEmpty();

		search.indices().delete(request -> request.index(EvidenceIndex.NAME));
		Optional<String> why = rebuild.rebuildIfDamaged();

		assertThat(why).hasValueSatisfying(reason -> assertThat(reason).startsWith("the index is missing"));
		awaitIndexMirrorsEvidence();
	}

	@Test
	void startupRebuildsAnIndexThatLostDocuments() throws Exception {
		List<String> recorded = record(6);
		awaitIndexMirrorsEvidence();
		for (String id : recorded.subList(0, 2)) {
			search.delete(request -> request.index(EvidenceIndex.NAME).id(id));
		}

		assertThat(rebuild.rebuildIfDamaged())
			.hasValueSatisfying(reason -> assertThat(reason).contains("only 0 wait to be indexed"));
		awaitIndexMirrorsEvidence();
	}

	@Test
	void startupRebuildsAnIndexWithAnotherMapping() throws Exception {
		List<String> recorded = record(3);
		awaitIndexMirrorsEvidence();
		// As a cluster that creates indices on first use would: the mapping guessed from the first document.
		search.indices().delete(request -> request.index(EvidenceIndex.NAME));
		search.indices().create(request -> request.index(EvidenceIndex.NAME));
		Evidence first = jdbc.sql("select * from evidence where id = ?").param(UUID.fromString(recorded.get(0)))
			.query(EvidenceStore::row).single();
		search.index(request -> request.index(EvidenceIndex.NAME).id(recorded.get(0))
			.document(EvidenceIndexer.document(first)));

		assertThat(rebuild.rebuildIfDamaged()).hasValueSatisfying(reason -> assertThat(reason)
			.startsWith("its mapping is not the expected one")
			.contains("learner_id is text, not keyword"));
		awaitIndexMirrorsEvidence();
		assertThat(new EvidenceIndex(search).mappingProblem()).isEmpty();
	}

	/** Records {@code items} items of several learners, kinds and runs, and returns their ids. */
	private List<String> record(int items) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < items; i++) {
			String payload = "{\"answer\": \"attempt " + i + " about " + word + "\"}";
			ids.add(store.append("learner-" + (i % 3) + "-" + word, "databases", "scenario-01",
					"run-" + UUID.randomUUID(), i % 2 == 0 ? "reflection" : "diff", payload).id().toString());
		}
		return ids;
	}

	/**
	 * Waits until the indexer has drained the outbox and the index holds as many documents as there are evidence
	 * rows, then checks that they are the same items: each evidence item once, and nothing else.
	 */
	private void awaitIndexMirrorsEvidence() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (count("evidence_outbox") > 0 || documents() != count("evidence")) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The index did not catch up within 60 s: " + documents() + " documents, "
						+ count("evidence") + " evidence items, " + count("evidence_outbox") + " waiting");
			}
			Thread.sleep(100);
		}
		List<String> evidenceIds = jdbc.sql("select id::text from evidence").query(String.class).list();
		assertThat(indexedIds()).containsExactlyInAnyOrderElementsOf(evidenceIds);
	}

	private List<String> indexedIds() throws IOException {
		search.indices().refresh(request -> request.index(EvidenceIndex.NAME));
		return search.search(request -> request.index(EvidenceIndex.NAME)
			.query(query -> query.matchAll(all -> all))
			.size(10_000)
			.source(source -> source.fetch(false)), Void.class).hits().hits().stream().map(Hit::id).toList();
	}

	private long documents() throws IOException {
		return new EvidenceIndex(search).exists() ? new EvidenceIndex(search).documents() : -1;
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
