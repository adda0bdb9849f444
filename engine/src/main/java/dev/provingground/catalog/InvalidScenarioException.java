package dev.provingground.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario package that cannot be used, with every problem found in it. */
public class InvalidScenarioException extends RuntimeException {

	private final List<ManifestProblem> problems;

	public InvalidScenarioException(String packageName, List<ManifestProblem> problems) {
		super("scenario package " + packageName + " is invalid:\n  "
				+ problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n  ")));
		this.problems = List.copyOf(problems);
	}

	public List<ManifestProblem> problems() {
		return problems;
	}

}
