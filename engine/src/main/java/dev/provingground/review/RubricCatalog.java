package dev.provingground.review;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The rubrics in the rubrics folder ({@code sci.yaml} there holds the SCI parameters, not a rubric). A rubric that
 * fails validation is reported and skipped.
 */
@Service
public class RubricCatalog {

	private static final Logger log = LoggerFactory.getLogger(RubricCatalog.class);

	static final String SCI_PARAMETERS = "sci.yaml";

	private final Map<String, Rubric> rubrics = new LinkedHashMap<>();

	private final Map<String, List<String>> failures = new LinkedHashMap<>();

	RubricCatalog(@Value("${provingground.rubrics.dir:rubrics}") String rubricsDir) {
		Path dir = Path.of(rubricsDir).toAbsolutePath().normalize();
		for (Path file : rubricFiles(dir)) {
			try {
				Rubric rubric = RubricReader.read(file);
				rubrics.put(rubric.id(), rubric);
			}
			catch (InvalidRubricException ex) {
				log.warn("Skipping an invalid {}", ex.getMessage());
				failures.put(file.getFileName().toString(), ex.problems());
			}
		}
		log.info("Rubrics: {} loaded from {}, {} skipped", rubrics.size(), dir, failures.size());
	}

	/** The rubrics of a folder, outside an application context (tools and tests). */
	public static RubricCatalog of(Path dir) {
		return new RubricCatalog(dir.toString());
	}

	public Optional<Rubric> find(String id) {
		return Optional.ofNullable(rubrics.get(id));
	}

	public List<Rubric> rubrics() {
		return List.copyOf(rubrics.values());
	}

	/** Problems of the rubric files that failed to load, by file name. */
	public Map<String, List<String>> failures() {
		return Map.copyOf(failures);
	}

	private static List<Path> rubricFiles(Path dir) {
		if (!Files.isDirectory(dir)) {
			log.warn("The rubrics folder {} does not exist", dir);
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return new ArrayList<>(files.filter(Files::isRegularFile)
				.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
				.filter(file -> !file.getFileName().toString().equals(SCI_PARAMETERS))
				.sorted()
				.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

}
