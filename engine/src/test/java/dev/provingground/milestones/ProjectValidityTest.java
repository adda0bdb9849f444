package dev.provingground.milestones;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's checks separate a real design from fakes: the reference solution passes every check, and each
 * {@code validity/<variant>} fails exactly the checks its {@code expect.yaml} names, with a message or hint that names
 * the missing element.
 */
class ProjectValidityTest {

	static final Path PROJECT = Path.of("../projects/scalable-system").toAbsolutePath().normalize();

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final Project project = Project.read(PROJECT);

	@TempDir
	Path workspace;

	@Test
	void hasTheFiveMilestonesOfTheSeedWithFiveStepsEach() {
		assertThat(project.skill()).isEqualTo("system-design");
		assertThat(project.rubric()).isEqualTo("design-doc");
		assertThat(project.milestones()).extracting(Milestone::title)
			.containsExactly("Pick the hard problem", "Design for scale & failure", "Make it observable & cost it",
					"Record decisions", "Prototype the risk");
		assertThat(project.milestones()).allSatisfy(milestone -> {
			assertThat(milestone.steps()).hasSize(5);
			assertThat(milestone.checks()).allSatisfy(check -> assertThat(check.hints()).hasSizeGreaterThan(1));
		});
	}

	@Test
	void theReferenceSolutionPassesEveryCheck() throws IOException {
		copy(project.starterDirectory(), workspace);
		ProjectSolutions.layOver(project, workspace);

		assertThat(verdicts(workspace)).allSatisfy(verdict -> assertThat(verdict.passed())
			.as("%s: %s", verdict.checkId(), verdict.message())
			.isTrue());
	}

	@Test
	void eachMilestoneShowsTheSolutionFilesItsChecksRead() {
		assertThat(ProjectSolutions.filesFor(project, "pick-the-hard-problem")).containsOnlyKeys("DESIGN.md");
		assertThat(ProjectSolutions.filesFor(project, "record-decisions")).containsOnlyKeys("DESIGN.md",
				"adr/0001-fan-out-on-write-with-a-bulk-lane.md", "adr/0002-partition-by-recipient.md",
				"adr/0003-at-least-once-with-idempotency-keys.md");
		assertThat(ProjectSolutions.filesFor(project, "prototype-the-risk").get("prototype/REPORT.md"))
			.contains("## Verdict");
	}

	@TestFactory
	Stream<DynamicTest> everyVariantFailsWhereItShould() throws IOException {
		List<Path> variants;
		try (Stream<Path> dirs = Files.list(PROJECT.resolve("validity"))) {
			variants = dirs.filter(Files::isDirectory).sorted().toList();
		}
		assertThat(variants).extracting(dir -> dir.getFileName().toString())
			.contains("untouched", "placeholders", "missing-hotspot-argument", "only-two-adrs",
					"failure-modes-without-mitigations", "slo-without-numbers", "runbook-without-rollback");
		return variants.stream()
			.map(variant -> DynamicTest.dynamicTest(variant.getFileName().toString(), () -> checkVariant(variant)));
	}

	private void checkVariant(Path variant) throws IOException {
		JsonNode expect = YAML.readTree(variant.resolve("expect.yaml").toFile());
		Path dir = Files.createDirectory(workspace.resolve(variant.getFileName()));
		copy(project.starterDirectory(), dir);
		if (expect.path("base").asText().equals("solution")) {
			ProjectSolutions.layOver(project, dir);
		}
		copy(variant, dir);
		Files.delete(dir.resolve("expect.yaml"));
		for (JsonNode removed : expect.path("remove")) {
			Files.delete(dir.resolve(removed.asText()));
		}
		List<DocumentVerdict> verdicts = verdicts(dir);
		Set<String> failed = new TreeSet<>();
		verdicts.stream().filter(verdict -> !verdict.passed()).forEach(verdict -> failed.add(verdict.checkId()));

		if (expect.path("fails").asText().equals("all")) {
			assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.checkId()).isFalse());
			return;
		}
		Set<String> expected = new TreeSet<>();
		expect.path("fails").forEach(id -> expected.add(id.asText()));
		assertThat(expected).as("expect.yaml lists the checks that must fail").isNotEmpty();
		assertThat(failed).as("failed checks: %s", verdicts).isEqualTo(expected);
		String names = expect.path("names").asText().toLowerCase(Locale.ROOT);
		assertThat(names).as("expect.yaml names the missing element").isNotBlank();
		verdicts.stream()
			.filter(verdict -> !verdict.passed())
			.forEach(verdict -> assertThat((verdict.message() + " " + verdict.hint()).toLowerCase(Locale.ROOT))
				.as(verdict.checkId())
				.contains(names));
	}

	private List<DocumentVerdict> verdicts(Path dir) {
		List<DocumentVerdict> verdicts = new ArrayList<>();
		for (Milestone milestone : project.milestones()) {
			verdicts.addAll(MilestoneChecks.run(project, milestone.id(), dir, new HashMap<>()));
		}
		return verdicts;
	}

	static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

}
