package dev.provingground.platform;

/**
 * One file's change, as a unified diff (or a note, for binary and large files).
 *
 * @param change {@code added}, {@code deleted} or {@code modified}
 */
public record FileChange(String path, String change, String diff) {
}
