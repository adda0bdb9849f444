package dev.provingground.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.provingground.provisioning.StackSpec;

/**
 * A valid scenario package.
 *
 * @param version a fingerprint of the package's files: it changes whenever any file changes
 * @param packageDir the package folder
 * @param variables values that load profiles and checks draw from the stack's data, by name
 * @param loadProfiles the load profiles by name; {@code baseline} always exists
 * @param solution the folder whose files, laid over the starter, make the reference solution
 */
public record Scenario(String id, String title, String summary, int track, String level, List<String> concepts,
		String process, String rubric, String version, Path packageDir, StackSpec stack,
		Map<String, VariableSpec> variables, Map<String, LoadProfileSpec> loadProfiles, List<CheckSpec> checks,
		List<String> reflection, String solution) {

	public static final String BASELINE_PROFILE = "baseline";

	public Scenario {
		concepts = List.copyOf(concepts);
		variables = Map.copyOf(variables);
		loadProfiles = Map.copyOf(loadProfiles);
		checks = List.copyOf(checks);
		reflection = List.copyOf(reflection);
	}

	public Optional<CheckSpec> check(String checkId) {
		return checks.stream().filter(check -> check.id().equals(checkId)).findFirst();
	}

	public Path starterDir() {
		return packageDir.resolve(stack.app().starter());
	}

	public Path walkthrough() {
		return packageDir.resolve("SCENARIO.md");
	}

	/** Fills an empty workspace with the starter app. */
	public void copyStarterTo(Path workspace) {
		copyTree(starterDir(), workspace);
	}

	/** Lays the solution's files over a workspace: what a learner who applied the reference fix would have. */
	public void applySolutionTo(Path workspace) {
		copyTree(packageDir.resolve(solution), workspace);
	}

	static void copyTree(Path from, Path to) {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path relative = from.relativize(source);
				if (relative.toString().startsWith("node_modules")) {
					continue;
				}
				Path target = to.resolve(relative.toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy " + from + " to " + to, ex);
		}
	}

}
