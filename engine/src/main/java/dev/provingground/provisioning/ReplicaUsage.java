package dev.provingground.provisioning;

/**
 * What one app replica has used so far.
 *
 * @param cpuTimeNanos CPU time the replica's process has used since it started
 * @param rssBytes its resident memory now
 */
public record ReplicaUsage(int index, long cpuTimeNanos, long rssBytes) {
}
