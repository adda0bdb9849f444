/**
 * Checks: decide whether a learner's fix is real. Each check of a scenario (load SLOs, http answers against the
 * database's truth, sql plans or values, telemetry) gives a verdict with what was measured, the threshold, and the
 * next hint.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checks")
package dev.provingground.checks;
