/**
 * Milestone projects: reads project packages in {@code projects/} (guided steps, starter documents, a reference
 * solution), keeps each learner's project run and its workspace, and checks the learner's Markdown documents against
 * each milestone's document checks, with hints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Milestone projects")
package dev.provingground.milestones;
