package dev.provingground.evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The OpenSearch index of evidence and its mapping, in one place for the indexer, the search and the rebuild.
 * Auto-creation of indices is off, so whoever touches the index first creates it: the indexer before the first
 * document, the search before the first query of an empty platform.
 */
final class EvidenceIndex {

	static final String NAME = "evidence";

	/** Ids and kinds are exact terms, the content is full text. */
	private static final TypeMapping MAPPING = TypeMapping.of(mappings -> mappings
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
		.properties("recorded_at", property -> property.date(date -> date)));

	private final OpenSearchClient search;

	private volatile boolean knownToExist;

	EvidenceIndex(OpenSearchClient search) {
		this.search = search;
	}

	/** Creates the index with its mapping unless it exists. */
	void ensureExists() throws IOException {
		if (!knownToExist && !exists()) {
			create();
		}
		knownToExist = true;
	}

	/**
	 * Drops the index, if there is one, and creates it empty with its mapping.
	 * @throws IllegalStateException when, three times over, another index of that name appeared in between
	 */
	void recreate() throws IOException {
		for (int attempt = 0; attempt < 3; attempt++) {
			knownToExist = false;
			drop();
			// Created in between by another node with the same mapping is fine. With another mapping, a cluster that
			// creates indices on first use made it for a document indexed in between: drop that one too.
			if (create() || mappingProblem().isEmpty()) {
				knownToExist = true;
				return;
			}
		}
		throw new IllegalStateException("The '" + NAME + "' index keeps being created with another mapping while it is "
				+ "rebuilt; turn off action.auto_create_index on the OpenSearch cluster");
	}

	boolean exists() throws IOException {
		return search.indices().exists(request -> request.index(NAME)).value();
	}

	/** How the index's mapping differs from the one it is created with, such as "learner_id is text, not keyword". */
	Optional<String> mappingProblem() throws IOException {
		var found = search.indices().getMapping(request -> request.index(NAME)).result().values().stream().findFirst();
		Map<String, Property> actual = found.map(record -> record.mappings().properties()).orElse(Map.of());
		List<String> problems = new ArrayList<>();
		MAPPING.properties().forEach((field, expected) -> {
			Property property = actual.get(field);
			if (property == null) {
				problems.add(field + " is not mapped");
			}
			else if (property._kind() != expected._kind()) {
				problems.add(field + " is " + property._kind().jsonValue() + ", not " + expected._kind().jsonValue());
			}
		});
		return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
	}

	/** How many documents the index holds, counting those indexed a moment ago too. */
	long documents() throws IOException {
		search.indices().refresh(request -> request.index(NAME));
		return search.count(request -> request.index(NAME)).count();
	}

	/** @return false when it existed already: another node or thread created it first */
	private boolean create() throws IOException {
		try {
			search.indices().create(request -> request.index(NAME).mappings(MAPPING));
			return true;
		}
		catch (OpenSearchException ex) {
			if ("resource_already_exists_exception".equals(ex.error().type())) {
				return false;
			}
			throw ex;
		}
	}

	private void drop() throws IOException {
		try {
			search.indices().delete(request -> request.index(NAME));
		}
		catch (OpenSearchException ex) {
			if (!"index_not_found_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
	}

}
