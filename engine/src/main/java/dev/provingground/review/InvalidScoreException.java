package dev.provingground.review;

import java.util.List;

/** A score that does not fit its rubric; the message lists every problem. */
public class InvalidScoreException extends RuntimeException {

	private final List<String> problems;

	public InvalidScoreException(List<String> problems) {
		super("The score does not fit the rubric: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

}
