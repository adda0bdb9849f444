/**
 * Backup: a consistent copy of the embedded installation (its PostgreSQL, secrets and workspaces), taken while the
 * platform runs, and its restore into an empty data directory. Run from the command line ({@code ./run backup},
 * {@code ./run restore}), without the platform's Spring context.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backup")
package dev.provingground.backup;
