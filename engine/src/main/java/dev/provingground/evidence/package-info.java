/**
 * Evidence: what learners did, stored append-only in PostgreSQL (the source of truth) and fed to the OpenSearch index
 * through an outbox, so that a search outage delays indexing and loses nothing and a lost index is rebuilt from
 * PostgreSQL; searched there in full text, with similar submissions of other learners flagged to the reviewer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence")
package dev.provingground.evidence;
