package dev.provingground.catalog;

import java.util.List;

import dev.provingground.identity.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The catalog for everyone signed in; the packages that failed to load for admins. */
@RestController
class CatalogController {

	private final ScenarioCatalog catalog;

	private final ScenarioAvailability availability;

	CatalogController(ScenarioCatalog catalog, ScenarioAvailability availability) {
		this.catalog = catalog;
		this.availability = availability;
	}

	/** Test packages only for testers, admins and evaluators: to a learner they do not exist. */
	@GetMapping("/api/scenarios")
	List<ScenarioSummary> scenarios(Authentication user) {
		return catalog.scenarios()
			.stream()
			.filter(scenario -> !scenario.forTests() || Groups.maySeeTestPackages(user))
			.map(this::summary)
			.toList();
	}

	@GetMapping("/api/scenarios/{id}")
	ScenarioDetails scenario(Authentication user, @PathVariable String id) {
		Scenario scenario = catalog.get(id);
		if (scenario.forTests() && !Groups.maySeeTestPackages(user)) {
			throw new UnknownScenarioException(id, List.of());
		}
		return ScenarioDetails.of(scenario, summary(scenario));
	}

	private ScenarioSummary summary(Scenario scenario) {
		return ScenarioSummary.of(scenario, availability.unavailableReason(scenario).orElse(null));
	}

	@GetMapping("/api/admin/scenarios/failures")
	List<PackageFailure> failures() {
		return catalog.failures();
	}

	@PostMapping("/api/admin/scenarios/reload")
	CatalogState reload() {
		catalog.reload();
		return new CatalogState(catalog.scenarios().size(), catalog.failures());
	}

	@ExceptionHandler(UnknownScenarioException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	Problem unknown(UnknownScenarioException ex) {
		return new Problem(ex.getMessage());
	}

	/** @param unavailable why the scenario cannot run on this platform's hosts, with what to install; null when it can */
	/** @param forTests a package for the platform's own tests, shown to testers and admins only; it counts for no SCI */
	record ScenarioSummary(String id, String title, String summary, int track, String level, List<String> concepts,
			String version, String unavailable, boolean forTests) {

		static ScenarioSummary of(Scenario scenario, String unavailable) {
			return new ScenarioSummary(scenario.id(), scenario.title(), scenario.summary(), scenario.track(),
					scenario.level(), scenario.concepts(), scenario.version(), unavailable, scenario.forTests());
		}

	}

	/** @param guide the package's SCENARIO.md: the story, the symptoms and the steps, in Markdown */
	record ScenarioDetails(ScenarioSummary scenario, String guide, List<CheckSummary> checks, List<String> loadProfiles,
			List<String> reflection) {

		static ScenarioDetails of(Scenario scenario, ScenarioSummary summary) {
			return new ScenarioDetails(summary, scenario.guide(),
					scenario.checks().stream().map(check -> new CheckSummary(check.id(), check.title())).toList(),
					scenario.loadProfiles().keySet().stream().sorted().toList(), scenario.reflection());
		}

	}

	record CheckSummary(String id, String title) {
	}

	record CatalogState(int scenarios, List<PackageFailure> failures) {
	}

	record Problem(String message) {
	}

}
