package dev.provingground.review;

import java.util.List;

/** A rubric file that cannot be used, with every problem found in it. */
public class InvalidRubricException extends RuntimeException {

	private final List<String> problems;

	public InvalidRubricException(String file, List<String> problems) {
		super("rubric " + file + " is invalid:\n  " + String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
