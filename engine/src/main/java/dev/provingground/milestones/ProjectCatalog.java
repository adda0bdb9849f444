package dev.provingground.milestones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.provingground.review.RubricCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The project packages in the projects folder. A package that fails validation, or names a rubric that is not loaded,
 * is reported and skipped; it never stops the platform or the other packages.
 */
@Service
public class ProjectCatalog {

	private static final Logger log = LoggerFactory.getLogger(ProjectCatalog.class);

	private final Map<String, Project> projects = new LinkedHashMap<>();

	private final Map<String, List<String>> failures = new LinkedHashMap<>();

	ProjectCatalog(@Value("${provingground.projects.dir:projects}") String projectsDir, RubricCatalog rubrics) {
		Path dir = Path.of(projectsDir).toAbsolutePath().normalize();
		for (Path packageDir : packageDirs(dir)) {
			String name = packageDir.getFileName().toString();
			try {
				Project project = Project.read(packageDir);
				if (rubrics.find(project.rubric()).isEmpty()) {
					throw new InvalidProjectException(name, List.of("project.yaml: rubric: '" + project.rubric()
							+ "' is not a loaded rubric; rubrics/ has " + rubrics.rubrics().stream().map(r -> r.id()).toList()));
				}
				projects.put(project.id(), project);
			}
			catch (InvalidProjectException ex) {
				log.warn("Skipping the invalid {}", ex.getMessage());
				failures.put(name, ex.problems());
			}
		}
		log.info("Projects: {} loaded from {}, {} skipped", projects.size(), dir, failures.size());
	}

	public List<Project> projects() {
		return List.copyOf(projects.values());
	}

	public Optional<Project> find(String id) {
		return Optional.ofNullable(projects.get(id));
	}

	/** @throws UnknownProjectException when no loaded project has this id */
	public Project get(String id) {
		return find(id).orElseThrow(() -> new UnknownProjectException(id, projects.keySet()));
	}

	/** Problems of the packages that failed to load, by folder name. */
	public Map<String, List<String>> failures() {
		return Map.copyOf(failures);
	}

	private static List<Path> packageDirs(Path dir) {
		if (!Files.isDirectory(dir)) {
			log.warn("The projects folder {} does not exist", dir);
			return List.of();
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return new ArrayList<>(entries.filter(Files::isDirectory).sorted().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

}
