package dev.provingground.evidence;

import java.time.Instant;

/**
 * An item of evidence that matched a search.
 *
 * @param id the evidence id
 * @param scenarioId the activity it belongs to, such as a scenario id
 * @param score the relevance, when the search had text; {@code null} otherwise
 * @param snippet a short piece of the content, HTML-escaped, with the matched words in {@code <em>}; without text, the
 * beginning of the content
 */
public record EvidenceHit(String id, String learnerId, String skill, String scenarioId, String processInstanceId,
		String kind, Instant recordedAt, Double score, String snippet) {
}
