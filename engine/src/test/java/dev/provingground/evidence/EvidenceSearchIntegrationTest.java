package dev.provingground.evidence;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Evidence search on the real PostgreSQL and OpenSearch: recorded through the store, indexed through the outbox, found
 * in full text with filters, scoped to the learner over REST, and similar submissions flagged across learners. The
 * index lives as long as the test context, so every test works with its own learners, runs and words.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "provingground.evidence.index-interval=1h") // the test runs the indexer itself
class EvidenceSearchIntegrationTest extends TemporaryDataDirectory {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	EvidenceStore store;

	@Autowired
	EvidenceIndexer indexer;

	@Autowired
	EvidenceSearch evidence;

	@Autowired
	OpenSearchClient search;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	/** A word no other test uses, so that a search for it finds only this test's items. */
	private final String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final String ada = "ada-" + word;

	private final String grace = "grace-" + word;

	@Test
	void findsEvidenceInFullTextAndNarrowsItByLearnerScenarioAndKind() throws IOException {
		Evidence adaDiff = store.append(ada, "databases", "scenario-01", run(), "diff",
				json("diff", "+ const pool = new Pool({ max: 20 }) // " + word + " connection pool was exhausted"));
		Evidence adaReflection = store.append(ada, "databases", "scenario-01", adaDiff.processInstanceId(), "reflection",
				json("answer", "The " + word + " pool ran dry under load, so I raised its size and added a timeout."));
		Evidence graceDiff = store.append(grace, "databases", "scenario-02", run(), "diff",
				json("diff", "+ create index items_by_sku on items (sku); -- " + word));
		Evidence graceChecks = store.append(grace, "databases", "scenario-02", graceDiff.processInstanceId(),
				"check-results", json("summary", "p95 latency 41 ms, all checks passed " + word));
		store.append(grace, "databases", "scenario-02", graceDiff.processInstanceId(), "reflection",
				json("answer", "Nothing to do with the marker word."));
		indexAll();

		EvidencePage all = evidence.search(EvidenceQuery.text(word));
		assertThat(all.total()).isEqualTo(4);
		assertThat(all.hits()).extracting(EvidenceHit::id)
			.containsExactlyInAnyOrder(ids(adaDiff, adaReflection, graceDiff, graceChecks));
		assertThat(all.hits()).allSatisfy(hit -> {
			assertThat(hit.score()).isPositive();
			assertThat(hit.snippet()).contains("<em>" + word + "</em>").hasSizeLessThan(250);
		});
		EvidenceHit graces = all.hits().stream().filter(hit -> hit.id().equals(graceDiff.id().toString())).findFirst()
			.orElseThrow();
		assertThat(graces).extracting(EvidenceHit::learnerId, EvidenceHit::skill, EvidenceHit::scenarioId,
				EvidenceHit::processInstanceId, EvidenceHit::kind, EvidenceHit::recordedAt)
			.containsExactly(grace, "databases", "scenario-02", graceDiff.processInstanceId(), "diff",
					graceDiff.recordedAt());

		assertThat(ids(query(word, ada, null, null))).containsExactlyInAnyOrder(ids(adaDiff, adaReflection));
		assertThat(ids(query(word, null, "scenario-02", null))).containsExactlyInAnyOrder(ids(graceDiff, graceChecks));
		assertThat(ids(query(word, null, null, "diff"))).containsExactlyInAnyOrder(ids(adaDiff, graceDiff));
		assertThat(ids(query(word, grace, "scenario-02", "check-results"))).containsExactly(ids(graceChecks));
		assertThat(ids(query(word + " timeout", null, null, null))).as("every word must match")
			.containsExactly(ids(adaReflection));
		assertThat(ids(query(word + " -pool", null, null, null))).containsExactlyInAnyOrder(ids(graceDiff, graceChecks));
		assertThat(ids(query(word, "nobody-" + word, null, null))).isEmpty();
	}

	@Test
	void filtersByRecordingTimeInclusivelyAndListsNewestFirstWithoutText() throws IOException {
		Evidence january = recordAt(ada, "check-results", "{\"summary\": \"january run, slow queries\"}",
				Instant.parse("2024-01-15T10:00:00Z"));
		Evidence february = recordAt(ada, "check-results", "{\"summary\": \"february run, all checks passed\"}",
				Instant.parse("2024-02-10T08:30:00.250Z"));
		Evidence march = recordAt(ada, "diff", "{\"diff\": \"march run, added a cache\"}",
				Instant.parse("2024-03-05T17:45:00Z"));
		indexAll();

		EvidencePage newestFirst = evidence.search(new EvidenceQuery(null, ada, null, null, null, null, 0, 10));
		assertThat(newestFirst.hits()).extracting(EvidenceHit::id).containsExactly(ids(march, february, january));
		assertThat(newestFirst.hits().get(0).score()).as("no text, no relevance").isNull();
		assertThat(newestFirst.hits().get(1).snippet()).as("the beginning of the content, HTML-escaped")
			.startsWith("{&quot;summary&quot;: &quot;february run")
			.doesNotContain("<em>");

		assertThat(ids(between(Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-02-29T23:59:59Z"))))
			.containsExactly(ids(february));
		assertThat(ids(between(february.recordedAt(), february.recordedAt()))).as("both ends are inclusive")
			.containsExactly(ids(february));
		assertThat(ids(between(null, february.recordedAt().minusMillis(1)))).containsExactly(ids(january));
		assertThat(ids(between(february.recordedAt().plusMillis(1), null))).containsExactly(ids(march));
		assertThat(ids(new EvidenceQuery(null, ada, null, "check-results", Instant.parse("2024-02-01T00:00:00Z"), null, 0,
				10))).containsExactly(ids(february));
	}

	@Test
	void pagesThroughEveryHitOnce() throws IOException {
		List<String> recorded = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			recorded.add(store.append(ada, "api-design", "scenario-03", run(), "reflection",
					json("answer", "Attempt " + i + " about " + word)).id().toString());
		}
		indexAll();

		Set<String> seen = new HashSet<>();
		List<Integer> pageSizes = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			EvidencePage result = evidence.search(new EvidenceQuery(word, null, null, null, null, null, page, 2));
			assertThat(result.total()).isEqualTo(5);
			pageSizes.add(result.hits().size());
			result.hits().forEach(hit -> assertThat(seen.add(hit.id())).as("seen once: " + hit.id()).isTrue());
		}
		assertThat(pageSizes).containsExactly(2, 2, 1, 0);
		assertThat(seen).containsExactlyInAnyOrderElementsOf(recorded);
	}

	@Test
	void refusesInvalidQueriesWithAClearMessage() throws Exception {
		assertThatThrownBy(() -> new EvidenceQuery(null, null, null, null, null, null, 0, 0))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("The page size must be between 1 and 100, not 0");
		assertThatThrownBy(() -> new EvidenceQuery(null, null, null, null, null, null, 0, 101))
			.hasMessage("The page size must be between 1 and 100, not 101");
		assertThatThrownBy(() -> new EvidenceQuery(null, null, null, null, null, null, -1, 10))
			.hasMessage("The page number starts at 0, not -1");
		assertThatThrownBy(() -> new EvidenceQuery(null, null, null, null, null, null, 100, 100))
			.hasMessageStartingWith("Search results go 10000 hits deep");
		assertThatThrownBy(() -> new EvidenceQuery(null, null, null, null, Instant.parse("2024-03-01T00:00:00Z"),
				Instant.parse("2024-02-01T00:00:00Z"), 0, 10))
			.hasMessage("'from' (2024-03-01T00:00:00Z) must not be after 'to' (2024-02-01T00:00:00Z)");
		assertThatThrownBy(() -> EvidenceQuery.text("x".repeat(501)))
			.hasMessage("The search text is 501 characters; at most 500 are allowed");
		assertThat(EvidenceQuery.text("x".repeat(500)).text()).hasSize(500);
		assertThatThrownBy(() -> new EvidenceQuery(null, null, null, "Diff!", null, null, 0, 10))
			.hasMessage("An evidence kind is 2–41 lowercase letters, digits, - or _, not 'Diff!'");
		assertThatThrownBy(() -> evidence.similarTo(" ")).isInstanceOf(IllegalArgumentException.class);

		var evaluator = user("eve-" + word).roles("EVALUATOR");
		mvc.perform(get("/api/evidence").param("size", "0").with(evaluator))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("The page size must be between 1 and 100, not 0"));
		mvc.perform(get("/api/evidence").param("page", "two").with(evaluator))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("'page' must be a whole number, not 'two'"));
		mvc.perform(get("/api/evidence").param("from", "yesterday").with(evaluator))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("'from' must be an ISO-8601 instant")));
		mvc.perform(get("/api/evidence").param("from", "2024-03-01").param("to", "2024-02-01").with(evaluator))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("must not be after")));
		mvc.perform(get("/api/evidence/similar").with(evaluator))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("processInstanceId")));
	}

	@Test
	void learnersSeeOnlyTheirOwnEvidenceAndEvaluatorsSeeEveryones() throws Exception {
		Evidence adas = store.append(ada, "databases", "scenario-01", run(), "reflection", json("answer", "mine " + word));
		store.append(grace, "databases", "scenario-01", run(), "reflection", json("answer", "hers " + word));
		indexAll();

		mvc.perform(get("/api/evidence").param("q", word).with(user(ada).roles("LEARNER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.hits[0].id").value(adas.id().toString()))
			.andExpect(jsonPath("$.hits[0].learnerId").value(ada))
			.andExpect(jsonPath("$.hits[0].snippet", containsString("<em>" + word + "</em>")));
		mvc.perform(get("/api/evidence").param("q", word).param("learner", ada).with(user(ada).roles("LEARNER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1));
		mvc.perform(get("/api/evidence").param("q", word).param("learner", grace).with(user(ada).roles("LEARNER")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.message").value("Learners can search only their own evidence, not that of '" + grace + "'"));
		mvc.perform(get("/api/evidence/similar").param("processInstanceId", adas.processInstanceId())
			.with(user(ada).roles("LEARNER")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.message").value("Only evaluators and admins can compare submissions"));

		mvc.perform(get("/api/evidence").param("q", word).with(user("eve-" + word).roles("EVALUATOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.hits[*].learnerId", hasItem(grace)));
		mvc.perform(get("/api/evidence").param("q", word).param("learner", grace).with(user("root-" + word).roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.hits[*].learnerId", everyItem(is(grace))));
		mvc.perform(get("/api/evidence").param("q", word)).andExpect(status().isUnauthorized());
	}

	@Test
	void flagsNearIdenticalSubmissionsOfOtherLearnersOnly() throws Exception {
		String alice = "alice-" + word;
		String bob = "bob-" + word;
		String carol = "carol-" + word;
		String aliceRun = record(alice, POOL_DIFF, POOL_REFLECTION);
		// Bob's is Alice's with a renamed variable and a reworded sentence.
		String bobRun = record(bob, POOL_DIFF.replace("pool", "dbPool"),
				POOL_REFLECTION.replace("I noticed", "We saw"));
		String carolRun = record(carol, CACHE_DIFF, CACHE_REFLECTION);
		String alicesOtherRun = record(alice, POOL_DIFF, POOL_REFLECTION);
		indexAll();

		List<SimilarSubmission> likeAlice = evidence.similarTo(aliceRun);
		assertThat(likeAlice).extracting(SimilarSubmission::processInstanceId)
			.contains(bobRun)
			.doesNotContain(carolRun, alicesOtherRun, aliceRun);
		assertThat(likeAlice).hasSizeLessThanOrEqualTo(5).allSatisfy(similar -> assertThat(similar.score()).isPositive());
		assertThat(likeAlice).filteredOn(similar -> similar.processInstanceId().equals(bobRun)).singleElement()
			.satisfies(similar -> {
				assertThat(similar.learnerId()).isEqualTo(bob);
				assertThat(similar.activityId()).isEqualTo("scenario-01");
				assertThat(similar.matchedKinds()).containsExactly("diff", "reflection");
			});
		assertThat(likeAlice).extracting(SimilarSubmission::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));

		assertThat(evidence.similarTo(bobRun)).extracting(SimilarSubmission::processInstanceId)
			.contains(aliceRun, alicesOtherRun)
			.doesNotContain(carolRun, bobRun);
		assertThat(evidence.similarTo(carolRun)).extracting(SimilarSubmission::processInstanceId)
			.doesNotContain(aliceRun, bobRun, alicesOtherRun);
		assertThat(evidence.similarTo(run())).as("a run with nothing indexed").isEmpty();

		mvc.perform(get("/api/evidence/similar").param("processInstanceId", aliceRun)
			.with(user("eve-" + word).roles("EVALUATOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].processInstanceId", hasItem(bobRun)))
			.andExpect(jsonPath("$[*].processInstanceId", not(hasItem(carolRun))));
	}

	private static final String POOL_DIFF = """
			--- a/src/db.js
			+++ b/src/db.js
			@@ -1,9 +1,14 @@
			-const client = new Client(config.database)
			+const pool = new Pool({ ...config.database, max: 20, idleTimeoutMillis: 30000 })
			+pool.on('error', (err) => logger.error({ err }, 'idle client failed'))
			 export async function findItem(sku) {
			-  await client.connect()
			-  const result = await client.query('select * from items where sku = $1', [sku])
			+  const result = await pool.query('select id, sku, title, price from items where sku = $1', [sku])
			   return result.rows[0]
			 }
			""";

	private static final String POOL_REFLECTION = """
			I noticed that every request opened its own connection, so under load the database refused new clients. \
			Switching to a shared pool with a maximum of twenty connections and an idle timeout kept latency flat, \
			and selecting only the needed columns trimmed the payload.""";

	private static final String CACHE_DIFF = """
			--- a/src/routes/catalog.js
			+++ b/src/routes/catalog.js
			@@ -4,6 +4,11 @@
			+import { LRUCache } from 'lru-cache'
			+const memo = new LRUCache({ max: 5000, ttl: 60_000 })
			 router.get('/catalog/:category', async (req, res) => {
			+  const cached = memo.get(req.params.category)
			+  if (cached) return res.set('Cache-Control', 'max-age=60').json(cached)
			   const page = await catalog.byCategory(req.params.category)
			+  memo.set(req.params.category, page)
			   res.json(page)
			""";

	private static final String CACHE_REFLECTION = """
			Category pages were recomputed on every hit even though they change hourly. An in-memory LRU with a \
			one-minute TTL plus a Cache-Control header moved the heavy aggregation off the hot path; invalidation on \
			write is the next step.""";

	/** Records a run's diff and reflection, as the check process does, and returns the run's id. */
	private String record(String learner, String diff, String reflection) {
		String run = run();
		store.append(learner, "databases", "scenario-01", run, "diff", json("diff", diff));
		store.append(learner, "databases", "scenario-01", run, "reflection", json("answer", reflection));
		return run;
	}

	/**
	 * Evidence recorded at a given time in the past. The store always records "now", so this inserts the row and its
	 * outbox entry as the store would.
	 */
	private Evidence recordAt(String learner, String kind, String payload, Instant at) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into evidence (id, learner_id, skill, activity_id, process_instance_id, kind, payload, content_hash,
				                      recorded_at)
				values (?, ?, 'databases', 'scenario-01', ?, ?, ?::jsonb, ?, ?)
				""").params(id, learner, run(), kind, payload, "0".repeat(64), java.sql.Timestamp.from(at)).update();
		jdbc.sql("insert into evidence_outbox (evidence_id) values (?)").param(id).update();
		return jdbc.sql("select * from evidence where id = ?").param(id).query(EvidenceStore::row).single();
	}

	/** Moves everything from the outbox into the index, and makes it searchable. */
	private void indexAll() throws IOException {
		while (indexer.indexPending(100) > 0) {
			// until the outbox is empty
		}
		search.indices().refresh(refresh -> refresh.index(EvidenceIndex.NAME));
	}

	private EvidenceQuery query(String text, String learner, String scenario, String kind) {
		return new EvidenceQuery(text, learner, scenario, kind, null, null, 0, 100);
	}

	private EvidenceQuery between(Instant from, Instant to) {
		return new EvidenceQuery(null, ada, null, null, from, to, 0, 100);
	}

	private List<String> ids(EvidenceQuery query) {
		return evidence.search(query).hits().stream().map(EvidenceHit::id).toList();
	}

	private static String[] ids(Evidence... items) {
		return java.util.Arrays.stream(items).map(item -> item.id().toString()).toArray(String[]::new);
	}

	private static String run() {
		return "run-" + UUID.randomUUID();
	}

	private static String json(String field, String value) {
		try {
			return JSON.writeValueAsString(Map.of(field, value));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
