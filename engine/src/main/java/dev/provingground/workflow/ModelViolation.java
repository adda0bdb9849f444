package dev.provingground.workflow;

/**
 * One broken rule in a process or decision model.
 *
 * @param resource the model's file name
 * @param elementId the element that breaks the rule, or null when the rule concerns the whole file
 * @param rule a short stable name of the rule, for example {@code history-ttl}
 * @param message what is wrong and how to fix it
 */
public record ModelViolation(String resource, String elementId, String rule, String message) {

	@Override
	public String toString() {
		return resource + (elementId != null ? " [" + elementId + "]" : "") + " " + rule + ": " + message;
	}

}
