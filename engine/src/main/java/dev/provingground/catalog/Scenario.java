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
 * @param skill the skill the scenario's evidence counts towards, such as {@code system-design}
 * @param version a fingerprint of the package's files: it changes whenever any file changes
 * @param packageDir the package folder
 * @param stack the stack as the manifest declares it; {@link #stackFor(Path)} applies the learner's choices
 * @param maxReplicas how many app replicas the learner may ask for in the workspace's {@code stack.yaml}
 * @param variables values that load profiles and checks draw from the stack's data, by name
 * @param loadProfiles the load profiles by name; {@code baseline} always exists
 * @param solution the folder whose files, laid over the starter, make the reference solution
 * @param forTests a package for the platform's own tests: only testers may start it, and it never counts towards an
 * SCI
 */
public record Scenario(String id, String title, String summary, int track, String level, List<String> concepts,
		String skill, String process, String rubric, String version, Path packageDir, StackSpec stack, int maxReplicas,
		Map<String, VariableSpec> variables, Map<String, LoadProfileSpec> loadProfiles, List<CheckSpec> checks,
		List<String> reflection, String solution, boolean forTests) {

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

	/** This scenario with only the named checks, for running some of them (a fake is tried on those that catch it). */
	public Scenario withOnlyChecks(List<String> checkIds) {
		return new Scenario(id, title, summary, track, level, concepts, skill, process, rubric, version, packageDir, stack,
				maxReplicas, variables, loadProfiles, checks.stream().filter(check -> checkIds.contains(check.id())).toList(),
				reflection, solution, forTests);
	}

	/**
	 * The stack for a workspace: the manifest's, with the replica count the learner chose in {@code stack.yaml}
	 * (only {@code replicas: N}, from 1 to {@link #maxReplicas()}).
	 * @throws InvalidWorkspaceException when stack.yaml is malformed or asks for too many replicas
	 */
	public StackSpec stackFor(Path workspace) {
		Path file = workspace.resolve(WorkspaceStack.FILE);
		if (!java.nio.file.Files.isRegularFile(file)) {
			return stack;
		}
		int replicas = WorkspaceStack.replicas(file, maxReplicas);
		return new StackSpec(stack.database(), stack.app().withReplicas(replicas), stack.balancer());
	}

	/** The package's SCENARIO.md: the learner's guide, or empty when it has none. */
	public String guide() {
		return packageText("SCENARIO.md");
	}

	/** The package's REVIEW.md: what strong work looks like, for reviewers only; empty when it has none. */
	public String reviewGuide() {
		return packageText("REVIEW.md");
	}

	private String packageText(String name) {
		Path file = packageDir.resolve(name);
		try {
			return Files.isRegularFile(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
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
