package dev.provingground.catalog;

import java.util.List;

import org.springframework.http.HttpStatus;
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

	CatalogController(ScenarioCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/scenarios")
	List<ScenarioSummary> scenarios() {
		return catalog.scenarios().stream().map(ScenarioSummary::of).toList();
	}

	@GetMapping("/api/scenarios/{id}")
	ScenarioDetails scenario(@PathVariable String id) {
		return ScenarioDetails.of(catalog.get(id));
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

	record ScenarioSummary(String id, String title, String summary, int track, String level, List<String> concepts,
			String version) {

		static ScenarioSummary of(Scenario scenario) {
			return new ScenarioSummary(scenario.id(), scenario.title(), scenario.summary(), scenario.track(),
					scenario.level(), scenario.concepts(), scenario.version());
		}

	}

	/** @param guide the package's SCENARIO.md: the story, the symptoms and the steps, in Markdown */
	record ScenarioDetails(ScenarioSummary scenario, String guide, List<CheckSummary> checks, List<String> loadProfiles,
			List<String> reflection) {

		static ScenarioDetails of(Scenario scenario) {
			return new ScenarioDetails(ScenarioSummary.of(scenario), scenario.guide(),
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
