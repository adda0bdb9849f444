package dev.provingground.milestones;

/**
 * The outcome of one document check.
 *
 * @param message what was found, in a sentence that names the file, the section and the missing element
 * @param hint the next progressive hint when the check failed, else null
 */
public record DocumentVerdict(String checkId, String title, String kind, boolean passed, String message, String hint) {
}
