package dev.provingground.passport;

import java.time.Instant;
import java.util.List;

import dev.provingground.sci.Tier;

/**
 * What a passport shows: per skill the tier, the SCI with its components, and a summary of each item of evidence;
 * never the evidence's content.
 */
record Passport(String learnerId, Visibility visibility, List<Skill> skills) {

	record Skill(String skill, Tier tier, double sci, Components components, int countingEndorsements,
			List<EvidenceSummary> evidence) {
	}

	record Components(double practice, double proof, double reliability, double freshness) {
	}

	/**
	 * @param url where the evidence can be read, by its owner and by reviewers
	 * @param contentHash the SHA-256 of the content, so that a reader can tell it was not changed
	 */
	record EvidenceSummary(String activity, String kind, Instant recordedAt, String contentHash, String url) {
	}

}
