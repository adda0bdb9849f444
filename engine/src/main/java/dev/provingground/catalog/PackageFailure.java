package dev.provingground.catalog;

import java.util.List;

/** A package that failed to load, and why: the admin catalog shows these. */
public record PackageFailure(String packageName, List<ManifestProblem> problems) {

	public PackageFailure {
		problems = List.copyOf(problems);
	}

}
