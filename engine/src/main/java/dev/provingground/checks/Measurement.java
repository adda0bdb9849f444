package dev.provingground.checks;

/**
 * One measured value of a check and what it had to be.
 *
 * @param name what was measured, such as {@code p95_ms} or {@code seq_scans_on_items}
 * @param expected the threshold, in words, such as "at most 50"
 */
public record Measurement(String name, double measured, String expected, boolean passed) {
}
