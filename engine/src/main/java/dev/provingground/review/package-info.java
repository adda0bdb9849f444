/**
 * Review: the rubrics evaluators score submissions with, validated when they load, and the reviews themselves: one per
 * submission, never by its author, every score checked against its rubric.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Peer review")
package dev.provingground.review;
