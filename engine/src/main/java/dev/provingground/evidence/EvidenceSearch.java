package dev.provingground.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.springframework.stereotype.Service;

/**
 * Full-text search over evidence, and the submissions that read much like a given one. Reads the OpenSearch index
 * only; PostgreSQL stays the source of truth, so an item shows up here once the indexer has moved it.
 */
@Service
public class EvidenceSearch {

	/** The kinds a learner writes in their own words, and so the ones worth comparing across learners. */
	static final List<String> COMPARED_KINDS = List.of("diff", "reflection");

	private static final int MAX_SIMILAR = 5;

	private static final String SNIPPET_FIELD = "content";

	/**
	 * English words too common to make two texts alike. The index's standard analyzer keeps them, which full-text
	 * search wants; more_like_this must not count them.
	 */
	private static final List<String> STOP_WORDS = List.of("the", "and", "for", "are", "but", "not", "was", "were",
			"with", "this", "that", "these", "those", "then", "there", "their", "they", "them", "from", "into", "have",
			"has", "had", "been", "will", "would", "should", "could", "can", "our", "ours", "you", "your", "its", "what",
			"which", "when", "why", "how", "all", "any", "some", "more", "most", "also", "just", "than", "too", "very",
			"one", "because", "about", "after", "before", "did", "does", "doing", "out", "off", "over", "under", "only",
			"own", "same", "such", "each", "other", "here", "where", "while", "who", "whom", "him", "her", "his", "she");

	private final OpenSearchClient search;

	private final EvidenceIndex index;

	EvidenceSearch(OpenSearchClient search) {
		this.search = search;
		this.index = new EvidenceIndex(search);
	}

	/**
	 * One page of the evidence that matches the query: by relevance when it has text, else newest first.
	 * @throws UncheckedIOException when OpenSearch cannot be reached
	 */
	public EvidencePage search(EvidenceQuery query) {
		List<Query> filters = new ArrayList<>();
		term(filters, "learner_id", query.learnerId());
		term(filters, "activity_id", query.scenarioId());
		term(filters, "kind", query.kind());
		if (query.from() != null || query.to() != null) {
			filters.add(Query.of(q -> q.range(range -> {
				range.field("recorded_at");
				if (query.from() != null) {
					range.gte(JsonData.of(query.from().toString()));
				}
				if (query.to() != null) {
					range.lte(JsonData.of(query.to().toString()));
				}
				return range;
			})));
		}
		List<SortOptions> sort = new ArrayList<>();
		if (query.text() != null) {
			sort.add(SortOptions.of(option -> option.score(score -> score.order(SortOrder.Desc))));
		}
		sort.add(descending("recorded_at"));
		// (process instance, kind, content hash) is unique, so equal times still page in a stable order.
		sort.add(ascending("process_instance_id"));
		sort.add(ascending("kind"));
		sort.add(ascending("content_hash"));
		var response = call(() -> search.search(request -> request.index(EvidenceIndex.NAME)
			.query(q -> q.bool(bool -> {
				if (query.text() != null) {
					// simple_query_string: quotes, -exclusions and the like, and no syntax errors on odd input.
					bool.must(must -> must.simpleQueryString(text -> text.query(query.text())
						.fields(SNIPPET_FIELD)
						.defaultOperator(Operator.And)));
				}
				return bool.filter(filters);
			}))
			.sort(sort)
			.from(query.page() * query.size())
			.size(query.size())
			.trackTotalHits(total -> total.enabled(true))
			.source(source -> source.filter(filter -> filter.excludes(SNIPPET_FIELD)))
			// HTML-escaped, so that the snippet can be shown as HTML with its <em> marks and nothing else. Without a
			// match (a search without text) noMatchSize gives the beginning of the content instead.
			.highlight(highlight -> highlight.encoder(HighlighterEncoder.Html)
				.fields(SNIPPET_FIELD, field -> field.fragmentSize(150).numberOfFragments(1).noMatchSize(200))),
				Indexed.class));
		List<EvidenceHit> hits = response.hits().hits().stream().map(EvidenceSearch::hit).toList();
		return new EvidencePage(response.hits().total().value(), hits);
	}

	/**
	 * Other learners' runs whose diffs or reflections read much like this run's: at most five, the most alike first.
	 * A learner's own other runs are left out (resubmitting one's own work is not plagiarism), and so is a run with no
	 * diff or reflection in the index yet.
	 * @throws UncheckedIOException when OpenSearch cannot be reached
	 */
	public List<SimilarSubmission> similarTo(String processInstanceId) {
		if (processInstanceId == null || processInstanceId.isBlank()) {
			throw new IllegalArgumentException("Which run? A process instance id is needed");
		}
		List<Hit<Indexed>> own = call(() -> search.search(request -> request.index(EvidenceIndex.NAME)
			.query(q -> q.bool(bool -> bool.filter(term("process_instance_id", processInstanceId),
					terms("kind", COMPARED_KINDS))))
			.size(50)
			.source(source -> source.filter(filter -> filter.excludes(SNIPPET_FIELD))), Indexed.class)).hits().hits();
		List<String> learners = own.stream().map(hit -> hit.source().learnerId()).distinct().toList();
		Map<String, SimilarSubmission> byRun = new LinkedHashMap<>();
		for (Hit<Indexed> item : own) {
			// Like with like: a diff against diffs, a reflection against reflections.
			var alike = call(() -> search.search(request -> request.index(EvidenceIndex.NAME)
				.query(q -> q.bool(bool -> bool
					.must(must -> must.moreLikeThis(like -> like.fields(SNIPPET_FIELD)
						.like(document -> document.document(doc -> doc.index(EvidenceIndex.NAME).id(item.id())))
						// Small corpora: a term that occurs once, in one other document, still counts.
						.minTermFreq(1)
						.minDocFreq(1)
						.maxQueryTerms(50)
						.minWordLength(3)
						.stopWords(STOP_WORDS)
						// Most of the distinctive terms must recur, not just a couple of common ones.
						.minimumShouldMatch("30%")))
					.filter(term("kind", item.source().kind()))
					.mustNot(term("process_instance_id", processInstanceId))
					.mustNot(terms("learner_id", learners))))
				.size(20)
				.source(source -> source.filter(filter -> filter.excludes(SNIPPET_FIELD))), Indexed.class));
			for (Hit<Indexed> hit : alike.hits().hits()) {
				Indexed other = hit.source();
				double score = hit.score() == null ? 0 : hit.score();
				byRun.merge(other.processInstanceId(),
						new SimilarSubmission(other.processInstanceId(), other.learnerId(), other.activityId(), score,
								List.of(other.kind())),
						EvidenceSearch::combine);
			}
		}
		return byRun.values()
			.stream()
			.sorted(Comparator.comparingDouble(SimilarSubmission::score).reversed())
			.limit(MAX_SIMILAR)
			.toList();
	}

	/** The best score of a run, and every kind of its that matched. */
	private static SimilarSubmission combine(SimilarSubmission one, SimilarSubmission other) {
		TreeSet<String> kinds = new TreeSet<>(one.matchedKinds());
		kinds.addAll(other.matchedKinds());
		return new SimilarSubmission(one.processInstanceId(), one.learnerId(), one.activityId(),
				Math.max(one.score(), other.score()), List.copyOf(kinds));
	}

	private static EvidenceHit hit(Hit<Indexed> hit) {
		Indexed source = hit.source();
		List<String> fragments = hit.highlight().get(SNIPPET_FIELD);
		String snippet = fragments == null || fragments.isEmpty() ? "" : fragments.get(0);
		return new EvidenceHit(hit.id(), source.learnerId(), source.skill(), source.activityId(),
				source.processInstanceId(), source.kind(), Instant.parse(source.recordedAt()), hit.score(), snippet);
	}

	private static void term(List<Query> filters, String field, String value) {
		if (value != null) {
			filters.add(term(field, value));
		}
	}

	private static Query term(String field, String value) {
		return Query.of(q -> q.term(term -> term.field(field).value(FieldValue.of(value))));
	}

	private static Query terms(String field, List<String> values) {
		List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
		return Query.of(q -> q.terms(terms -> terms.field(field).terms(list -> list.value(fieldValues))));
	}

	private static SortOptions descending(String field) {
		return SortOptions.of(option -> option.field(sort -> sort.field(field).order(SortOrder.Desc)));
	}

	private static SortOptions ascending(String field) {
		return SortOptions.of(option -> option.field(sort -> sort.field(field).order(SortOrder.Asc)));
	}

	/** Creates the index on an empty platform, so that a first search finds nothing instead of failing. */
	private <T> T call(OpenSearchCall<T> call) {
		try {
			index.ensureExists();
			return call.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Evidence search is unavailable: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface OpenSearchCall<T> {

		T run() throws IOException;

	}

	/** The fields of an indexed item that a hit needs; the content stays in the index. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Indexed(@JsonProperty("learner_id") String learnerId, @JsonProperty("skill") String skill,
			@JsonProperty("activity_id") String activityId,
			@JsonProperty("process_instance_id") String processInstanceId, @JsonProperty("kind") String kind,
			@JsonProperty("recorded_at") String recordedAt) {
	}

}
