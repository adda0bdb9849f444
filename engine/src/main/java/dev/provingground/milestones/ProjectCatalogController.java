package dev.provingground.milestones;

import java.util.List;
import java.util.Map;

import dev.provingground.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The milestone projects for everyone signed in; the packages that failed to load for admins. */
@RestController
@Tag(name = "Milestone projects")
class ProjectCatalogController {

	private final ProjectCatalog catalog;

	ProjectCatalogController(ProjectCatalog catalog) {
		this.catalog = catalog;
	}

	record ProjectSummary(String id, String title, String summary, String skill, List<MilestoneGuide> milestones) {

		static ProjectSummary of(Project project) {
			return new ProjectSummary(project.id(), project.title(), project.summary(), project.skill(),
					MilestoneGuide.of(project));
		}

	}

	record Problem(String message) {
	}

	@GetMapping("/api/projects")
	@Operation(summary = "The milestone projects, each with its milestones, steps and checks")
	List<ProjectSummary> projects(Authentication user) {
		// Test packages only for testers, admins and evaluators: to a learner they do not exist.
		return catalog.projects()
			.stream()
			.filter(project -> !project.forTests() || Groups.maySeeTestPackages(user))
			.map(ProjectSummary::of)
			.toList();
	}

	@GetMapping("/api/projects/{id}")
	@Operation(summary = "One milestone project")
	ProjectSummary project(Authentication user, @PathVariable String id) {
		Project project = catalog.get(id);
		if (project.forTests() && !Groups.maySeeTestPackages(user)) {
			throw new UnknownProjectException(id, List.of());
		}
		return ProjectSummary.of(project);
	}

	@GetMapping("/api/admin/projects/failures")
	@Operation(summary = "The project packages that failed to load, with every problem")
	Map<String, List<String>> failures() {
		return catalog.failures();
	}

	@ExceptionHandler(UnknownProjectException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	Problem unknown(UnknownProjectException ex) {
		return new Problem(ex.getMessage());
	}

}
