package dev.provingground.milestones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A milestone project: a sequence of milestones that build one piece of work, such as a design with ADRs.
 *
 * @param directory the package folder, {@code projects/<id>}
 * @param starter the folder (inside the package) a learner's workspace starts from
 * @param solution the folder (inside the package) with the complete reference solution
 * @param forTests a package for the platform's own tests: only testers may start it, and it never counts towards an
 * SCI
 */
public record Project(String id, String title, String summary, String skill, String rubric, Path directory,
		String starter, String solution, List<Milestone> milestones, boolean forTests) {

	public Project {
		milestones = List.copyOf(milestones);
	}

	/**
	 * Reads and validates a package folder.
	 * @throws InvalidProjectException naming every problem, when the package cannot be used
	 */
	public static Project read(Path directory) {
		return ProjectReader.read(directory);
	}

	/** @throws IllegalArgumentException when the project has no milestone with this id */
	public Milestone milestone(String milestoneId) {
		return milestones.stream()
			.filter(milestone -> milestone.id().equals(milestoneId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"project " + id + " has no milestone '" + milestoneId + "'; it has "
							+ milestones.stream().map(Milestone::id).toList()));
	}

	/** The package's REVIEW.md (Markdown) for evaluators: what strong, adequate and weak work looks like; empty without one. */
	public String reviewGuide() {
		Path file = directory.resolve("REVIEW.md");
		try {
			return Files.isRegularFile(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/** Starts a learner's workspace: a copy of the starter documents. */
	public void copyStarterTo(Path workspace) {
		try (Stream<Path> files = Files.walk(starterDirectory())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = workspace.resolve(starterDirectory().relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy the starter of " + id + " to " + workspace, ex);
		}
	}

	public Path starterDirectory() {
		return directory.resolve(starter);
	}

	public Path solutionDirectory() {
		return directory.resolve(solution);
	}

}
