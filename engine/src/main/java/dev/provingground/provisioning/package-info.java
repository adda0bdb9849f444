/**
 * Provisioning: starts a scenario's stack (its PostgreSQL, app replicas and load balancer) for one learner's run,
 * keeps its state in PostgreSQL, and tears it down so that nothing is left behind.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stack provisioning")
package dev.provingground.provisioning;
