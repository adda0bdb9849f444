/**
 * Diagnostics: the learner's own tools on their stack, on the run page (a SQL console with query plans, the services'
 * logs), and the trail of what they ran with them, which is evidence of their diagnosis. Every tool reaches the run's
 * own stack only, through a role or a view that can change nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Diagnostics")
package dev.provingground.diagnostics;
