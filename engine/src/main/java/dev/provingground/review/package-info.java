/**
 * Review: the rubrics evaluators score submissions with, validated when they load, and the validation of every score
 * against its rubric.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Peer review")
package dev.provingground.review;
