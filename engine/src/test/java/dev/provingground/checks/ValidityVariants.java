package dev.provingground.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.catalog.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code validity/} variants of a scenario package: fixes that must pass, and fakes that must fail. */
final class ValidityVariants {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private ValidityVariants() {
	}

	/**
	 * A variant is a folder {@code validity/<name>/} whose files are laid over the starter, and an {@code expect.yaml}:
	 * {@code kind: alternative-fix} (must pass every check) or {@code kind: fake-fix} with {@code caught_by}, the
	 * checks that must fail, and {@code why}, what the fake does. {@code from_solution} lists files of the reference
	 * solution the variant takes as they are, so that a fake that is "half the solution" needs no copy of it;
	 * {@code from_variant} names another variant whose files it starts from (a stale copy, with a trigger added).
	 */
	record Variant(String name, Path dir, boolean correct, String why, List<String> caughtBy, List<String> fromSolution,
			String fromVariant) {
	}

	static List<Variant> of(Scenario scenario) {
		Path validity = scenario.packageDir().resolve("validity");
		if (!Files.isDirectory(validity)) {
			return List.of();
		}
		try (Stream<Path> dirs = Files.list(validity)) {
			List<Variant> variants = new ArrayList<>();
			for (Path variantDir : dirs.filter(Files::isDirectory).sorted().toList()) {
				JsonNode expect = YAML.readTree(variantDir.resolve("expect.yaml").toFile());
				String kind = expect.path("kind").asText();
				assertThat(kind).as(variantDir + "/expect.yaml kind").isIn("alternative-fix", "fake-fix");
				List<String> caughtBy = new ArrayList<>();
				expect.path("caught_by").forEach(check -> caughtBy.add(check.asText()));
				List<String> fromSolution = new ArrayList<>();
				expect.path("from_solution").forEach(file -> fromSolution.add(file.asText()));
				if (kind.equals("fake-fix")) {
					assertThat(caughtBy).as(variantDir + "/expect.yaml caught_by").isNotEmpty();
					caughtBy.forEach(check -> assertThat(scenario.check(check)).as("check " + check).isPresent());
				}
				String fromVariant = expect.hasNonNull("from_variant") ? expect.get("from_variant").asText() : null;
				if (fromVariant != null) {
					assertThat(validity.resolve(fromVariant).resolve("expect.yaml")).as(variantDir + " from_variant")
						.isRegularFile();
				}
				variants.add(new Variant(variantDir.getFileName().toString(), variantDir, kind.equals("alternative-fix"),
						expect.path("why").asText(), caughtBy, fromSolution, fromVariant));
			}
			return variants;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void overlay(Path variantDir, Path workspace) {
		try (Stream<Path> files = Files.walk(variantDir)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path relative = variantDir.relativize(file);
				if (relative.toString().equals("expect.yaml")) {
					continue;
				}
				copy(file, workspace.resolve(relative.toString()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path from, Path to) {
		try {
			Files.createDirectories(to.getParent());
			Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(from + " cannot be copied: " + ex.getMessage(), ex);
		}
	}

	/** Lays the variant over a workspace copied from the starter. */
	static void apply(Scenario scenario, Variant variant, Path workspace) {
		Path solution = scenario.packageDir().resolve(scenario.solution());
		variant.fromSolution().forEach(file -> copy(solution.resolve(file), workspace.resolve(file)));
		if (variant.fromVariant() != null) {
			overlay(variant.dir().resolveSibling(variant.fromVariant()), workspace);
		}
		overlay(variant.dir(), workspace);
	}

}
