package dev.provingground.milestones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The reference solution of a project: shown to a learner once a milestone passes or they give up, and laid over a
 * workspace by the tests that prove the checks.
 */
public final class ProjectSolutions {

	private ProjectSolutions() {
	}

	/**
	 * The solution's files a milestone's checks read, for display: relative path to Markdown text, sorted by path.
	 */
	public static Map<String, String> filesFor(Project project, String milestoneId) {
		Set<String> paths = new LinkedHashSet<>();
		for (DocumentCheck check : project.milestone(milestoneId).checks()) {
			paths.addAll(filesReadBy(project, check));
		}
		Map<String, String> files = new TreeMap<>();
		for (String path : paths) {
			Path file = project.solutionDirectory().resolve(path);
			if (Files.isRegularFile(file)) {
				files.put(path, read(file));
			}
		}
		return files;
	}

	/** Copies every file of the solution into the workspace, replacing the learner's files of the same name. */
	public static void layOver(Project project, Path workspace) {
		Path solution = project.solutionDirectory();
		try (Stream<Path> files = Files.walk(solution)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = workspace.resolve(solution.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot lay the solution of " + project.id() + " over " + workspace, ex);
		}
	}

	private static List<String> filesReadBy(Project project, DocumentCheck check) {
		if (check instanceof DocumentCheck.Sections sections) {
			return List.of(sections.file());
		}
		if (check instanceof DocumentCheck.NoPlaceholders noPlaceholders) {
			return noPlaceholders.files();
		}
		if (check instanceof DocumentCheck.Items items) {
			return List.of(items.file());
		}
		if (check instanceof DocumentCheck.Table table) {
			return List.of(table.file());
		}
		if (check instanceof DocumentCheck.Matches matches) {
			return List.of(matches.file());
		}
		DocumentCheck.AdrFiles adrs = (DocumentCheck.AdrFiles) check;
		Path folder = project.solutionDirectory().resolve(adrs.folder());
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> adrs.folder() + "/" + file.getFileName())
				.filter(path -> path.endsWith(".md") && !path.endsWith("/" + adrs.template()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder, ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
