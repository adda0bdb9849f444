package dev.provingground.milestones;

import java.util.Collection;

/** A request named a project that is not in the catalog. */
public class UnknownProjectException extends RuntimeException {

	UnknownProjectException(String id, Collection<String> known) {
		super("There is no project '" + id + "'; the catalog has " + known.stream().sorted().toList());
	}

}
