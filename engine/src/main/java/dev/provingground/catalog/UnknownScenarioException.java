package dev.provingground.catalog;

import java.util.List;

/** No valid package has the id; when a package of that name failed to load, the message says why. */
public class UnknownScenarioException extends RuntimeException {

	public UnknownScenarioException(String scenarioId, List<PackageFailure> failures) {
		super(failures.stream()
			.filter(failure -> failure.packageName().equals(scenarioId))
			.findFirst()
			.map(failure -> "scenario " + scenarioId + " failed to load: " + failure.problems())
			.orElse("there is no scenario " + scenarioId));
	}

}
