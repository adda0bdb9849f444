/**
 * Telemetry: what a stack does while load runs: database connections ({@code pg_stat_activity}), CPU and memory per
 * app replica, and requests per replica behind the balancer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Telemetry")
package dev.provingground.telemetry;
