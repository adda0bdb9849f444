/**
 * Scenario runs: one learner's attempt at one scenario, from its workspace and stack through the fix loop and
 * reflection to the evidence it leaves. The scenario-run process drives it; this module does each step's work.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scenario runs")
package dev.provingground.runs;
