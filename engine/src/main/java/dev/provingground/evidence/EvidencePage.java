package dev.provingground.evidence;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total how many items match the query, on all pages
 */
public record EvidencePage(long total, List<EvidenceHit> hits) {
}
