/**
 * Milestones: reads milestone project packages in {@code projects/} (guided steps, starter documents, a reference
 * solution) and checks a learner's Markdown documents against each milestone's document checks, with hints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Milestone projects")
package dev.provingground.milestones;
