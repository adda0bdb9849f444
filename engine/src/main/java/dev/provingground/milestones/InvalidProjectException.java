package dev.provingground.milestones;

import java.util.List;

/** A project package that cannot be used, with every problem found in it, each as "file: field: what is wrong". */
public class InvalidProjectException extends RuntimeException {

	private final List<String> problems;

	public InvalidProjectException(String packageName, List<String> problems) {
		super("project package " + packageName + " is invalid:\n  " + String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
