package dev.provingground.evidence;

import java.time.Instant;

/**
 * A search over evidence. Every criterion is optional; blank ones are left out. An invalid query cannot be made: the
 * constructor throws {@link IllegalArgumentException} with a message fit to show the caller.
 *
 * @param text full text over the content, in {@code simple_query_string} syntax (all words must match, {@code "..."}
 * for a phrase, {@code -word} to exclude); at most {@value #MAX_TEXT} characters
 * @param learnerId only this learner's evidence
 * @param scenarioId only evidence of this activity, such as a scenario id
 * @param kind only this kind, such as {@code diff} or {@code reflection}
 * @param from recorded at or after this instant
 * @param to recorded at or before this instant
 * @param page 0-based
 * @param size 1 to {@value #MAX_SIZE} hits a page
 */
public record EvidenceQuery(String text, String learnerId, String scenarioId, String kind, Instant from, Instant to,
		int page, int size) {

	public static final int MAX_TEXT = 500;

	public static final int MAX_SIZE = 100;

	/** OpenSearch pages no further than this many hits (index.max_result_window). */
	static final int MAX_WINDOW = 10_000;

	public EvidenceQuery {
		text = blankToNull(text);
		learnerId = blankToNull(learnerId);
		scenarioId = blankToNull(scenarioId);
		kind = blankToNull(kind);
		if (text != null && text.length() > MAX_TEXT) {
			throw new IllegalArgumentException("The search text is " + text.length() + " characters; at most " + MAX_TEXT
					+ " are allowed");
		}
		if (kind != null) {
			Evidence.requireValidKind(kind);
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw new IllegalArgumentException("'from' (" + from + ") must not be after 'to' (" + to + ")");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("The page size must be between 1 and " + MAX_SIZE + ", not " + size);
		}
		if (page < 0) {
			throw new IllegalArgumentException("The page number starts at 0, not " + page);
		}
		if ((long) (page + 1) * size > MAX_WINDOW) {
			throw new IllegalArgumentException("Search results go " + MAX_WINDOW + " hits deep; narrow the search instead of "
					+ "asking for page " + page + " of size " + size);
		}
	}

	/** The first page of 20 hits for a text, with no other criteria. */
	public static EvidenceQuery text(String text) {
		return new EvidenceQuery(text, null, null, null, null, null, 0, 20);
	}

	/** The same query, for one learner. */
	public EvidenceQuery withLearner(String learnerId) {
		return new EvidenceQuery(text, learnerId, scenarioId, kind, from, to, page, size);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
