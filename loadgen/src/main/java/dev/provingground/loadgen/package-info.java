/**
 * Generates HTTP load against a loopback target and measures it: open model (constant arrival rate, latency from the
 * intended send time) or closed model (N users). The engine's {@code load} feature decides which targets are allowed.
 */
package dev.provingground.loadgen;
