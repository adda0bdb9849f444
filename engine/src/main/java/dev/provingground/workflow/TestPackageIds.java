package dev.provingground.workflow;

import java.util.HashSet;
import java.util.Set;

import dev.provingground.catalog.Scenario;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.milestones.Project;
import dev.provingground.milestones.ProjectCatalog;
import dev.provingground.sci.TestPackages;
import org.springframework.stereotype.Component;

/** The scenarios and projects whose manifests say {@code for_tests: true}, as the catalogs hold them now. */
@Component
class TestPackageIds implements TestPackages {

	private final ScenarioCatalog scenarios;

	private final ProjectCatalog projects;

	TestPackageIds(ScenarioCatalog scenarios, ProjectCatalog projects) {
		this.scenarios = scenarios;
		this.projects = projects;
	}

	@Override
	public Set<String> ids() {
		Set<String> ids = new HashSet<>();
		scenarios.scenarios().stream().filter(Scenario::forTests).map(Scenario::id).forEach(ids::add);
		projects.projects().stream().filter(Project::forTests).map(Project::id).forEach(ids::add);
		return ids;
	}

}
