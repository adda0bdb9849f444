package dev.provingground.evidence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the startup check rebuilds the evidence index, and what it says why. */
class EvidenceIndexHealthTest {

	@Test
	void aSoundIndexIsLeftAlone() {
		assertThat(new EvidenceIndexHealth(true, null, 10, 0, 10, 10).damage()).isEmpty();
		assertThat(new EvidenceIndexHealth(true, null, 10, 3, 7, 12).damage()).as("three wait, two more came since")
			.isEmpty();
		assertThat(new EvidenceIndexHealth(true, null, 10, 3, 9, 10).damage())
			.as("indexed while counting: counted both queued and indexed")
			.isEmpty();
		assertThat(new EvidenceIndexHealth(false, null, 0, 0, 0, 0).damage()).as("a new platform has no index yet")
			.isEmpty();
	}

	@Test
	void aMissingIndexIsRebuiltWhenThereIsEvidence() {
		assertThat(new EvidenceIndexHealth(false, null, 12, 0, 0, 12).damage())
			.contains("the index is missing, and 12 evidence items are recorded");
	}

	@Test
	void anIndexWithAnotherMappingIsRebuilt() {
		assertThat(new EvidenceIndexHealth(true, "learner_id is text, not keyword", 5, 0, 5, 5).damage())
			.contains("its mapping is not the expected one (learner_id is text, not keyword)");
	}

	@Test
	void anIndexMissingDocumentsThatNoLongerWaitIsRebuilt() {
		assertThat(new EvidenceIndexHealth(true, null, 10, 0, 7, 10).damage())
			.contains("it holds 7 documents, but 10 evidence items are recorded and only 0 wait to be indexed");
		assertThat(new EvidenceIndexHealth(true, null, 10, 2, 7, 10).damage()).isPresent();
	}

	@Test
	void anIndexWithDocumentsPostgresNoLongerHasIsRebuilt() {
		assertThat(new EvidenceIndexHealth(true, null, 10, 0, 14, 11).damage())
			.contains("it holds 14 documents, more than the 11 evidence items recorded "
					+ "(was PostgreSQL restored from an older backup?)");
	}

}
