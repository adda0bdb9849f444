/**
 * SCI: a learner's Skill Confidence Index and tier per skill, and the figures the {@code sci-tier} decision reads.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Skill Confidence Index")
package dev.provingground.sci;
