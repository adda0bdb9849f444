package dev.provingground.evidence;

import java.io.IOException;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;

/**
 * The OpenSearch index of evidence and its mapping, in one place for the indexer and the search. Auto-creation of
 * indices is off, so whoever touches the index first creates it: the indexer before the first document, the search
 * before the first query of an empty platform.
 */
final class EvidenceIndex {

	static final String NAME = "evidence";

	private final OpenSearchClient search;

	private volatile boolean exists;

	EvidenceIndex(OpenSearchClient search) {
		this.search = search;
	}

	/** Creates the index with its mapping unless it exists: ids and kinds are exact terms, the content is full text. */
	void ensureExists() throws IOException {
		if (exists || search.indices().exists(request -> request.index(NAME)).value()) {
			exists = true;
			return;
		}
		try {
			search.indices().create(create -> create.index(NAME).mappings(mappings -> mappings
				.properties("learner_id", property -> property.keyword(keyword -> keyword))
				.properties("skill", property -> property.keyword(keyword -> keyword))
				.properties("activity_id", property -> property.keyword(keyword -> keyword))
				.properties("process_instance_id", property -> property.keyword(keyword -> keyword))
				.properties("kind", property -> property.keyword(keyword -> keyword))
				.properties("content_hash", property -> property.keyword(keyword -> keyword))
				// No term vectors: measured with bench/run search (100,000 items), with_positions_offsets made the index
				// 46% larger and bulk loading slower, and search p95 no better. more_like_this re-analyses the few
				// documents it is given, which is cheap.
				.properties("content", property -> property.text(text -> text))
				.properties("recorded_at", property -> property.date(date -> date))));
		}
		catch (OpenSearchException ex) {
			// Another node (or thread) created it first.
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
		exists = true;
	}

}
