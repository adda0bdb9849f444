package dev.provingground.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A model broke the platform's rules; nothing was deployed. */
public class InvalidModelException extends RuntimeException {

	private final List<ModelViolation> violations;

	public InvalidModelException(List<ModelViolation> violations) {
		super("The models break " + violations.size() + " rule(s), so nothing was deployed:\n"
				+ violations.stream().map(violation -> "  - " + violation).collect(Collectors.joining("\n")));
		this.violations = List.copyOf(violations);
	}

	public List<ModelViolation> violations() {
		return violations;
	}

}
