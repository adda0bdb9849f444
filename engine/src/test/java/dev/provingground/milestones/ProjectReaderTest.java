package dev.provingground.milestones;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsAValidManifest() throws IOException {
		Path project = packageWith(manifest("""
				      - id: written
				        kind: sections
				        title: Written
				        file: DESIGN.md
				        sections: [Problem statement]
				        in_order: true
				        hints: [Write it.]
				"""));

		Project read = Project.read(project);

		assertThat(read.milestone("m1").checks()).singleElement()
			.isEqualTo(new DocumentCheck.Sections("written", "Written", java.util.List.of("Write it."), "DESIGN.md",
					java.util.List.of("Problem statement"), true));
		assertThat(read.starterDirectory()).isEqualTo(project.resolve("starter"));
	}

	@Test
	void everyProblemNamesTheFileAndTheField() throws IOException {
		Path project = packageWith(manifest("""
				      - id: written
				        kind: sections
				        title: Written
				        file: MISSING.md
				        sections: [Problem statement]
				        in_order: yes please
				        hints: [Write it.]
				      - id: written
				        kind: smoke
				        title: Smoke
				        hints: [Look.]
				      - id: tension
				        kind: pattern
				        title: Tension
				        file: DESIGN.md
				        regex: '(unclosed'
				        looking_for: tension
				        hint: [typo]
				""").replace("id: demo", "id: other"));

		assertThatThrownBy(() -> Project.read(project)).isInstanceOf(InvalidProjectException.class)
			.satisfies(ex -> assertThat(((InvalidProjectException) ex).problems()).containsExactlyInAnyOrder(
					"project.yaml: id: is 'other' but the folder is 'demo'; they must match",
					"project.yaml: milestones[0].checks[0].file: file 'MISSING.md' does not exist in the starter folder 'starter'",
					"project.yaml: milestones[0].checks[0].in_order: must be true or false, not 'yes please'",
					"project.yaml: milestones[0].checks[1].id: 'written' is used by another check; ids must be unique in the project",
					"project.yaml: milestones[0].checks[1].kind: 'smoke' is not a check kind; use one of [sections, no-placeholders, items, table, adr-files, pattern]",
					"project.yaml: milestones[0].checks[2].hints: is missing",
					"project.yaml: milestones[0].checks[2].hint: is not a known field here; known fields are [file, hints, id, kind, looking_for, regex, section, title]",
					"project.yaml: milestones[0].checks[2].regex: is not a valid regular expression: Unclosed group"));
	}

	@Test
	void kindFieldsAreCheckedAgainstEachOtherAndTheStarter() throws IOException {
		Path project = packageWith(manifest("""
				      - id: clean
				        kind: no-placeholders
				        title: Clean
				        files: [DESIGN.md, runbook.md]
				        sections: [Problem statement]
				        hints: [Clean it.]
				      - id: slos
				        kind: table
				        title: SLOs
				        file: DESIGN.md
				        section: SLOs
				        min_rows: 0
				        columns: [SLI]
				        numeric_columns: [target]
				        hints: [Measure.]
				      - id: adrs
				        kind: adr-files
				        title: ADRs
				        folder: adr
				        template: 0000-template.md
				        min: 3
				        headings: [Status]
				        hints: [Decide.]
				"""));

		assertThatThrownBy(() -> Project.read(project)).isInstanceOf(InvalidProjectException.class)
			.satisfies(ex -> assertThat(((InvalidProjectException) ex).problems()).containsExactlyInAnyOrder(
					"project.yaml: milestones[0].checks[0].files: file 'runbook.md' does not exist in the starter folder 'starter'",
					"project.yaml: milestones[0].checks[0].sections: can only be given with exactly one file",
					"project.yaml: milestones[0].checks[1].min_rows: must be between 1 and 100, not 0",
					"project.yaml: milestones[0].checks[1].numeric_columns: 'target' is not one of the columns [SLI]",
					"project.yaml: milestones[0].checks[2].template: file 'adr/0000-template.md' does not exist in the starter folder 'starter'"));
	}

	@Test
	void malformedYamlNamesTheLine() throws IOException {
		Path project = packageWith("id: demo\ntitle: [unclosed\n");

		assertThatThrownBy(() -> Project.read(project)).isInstanceOf(InvalidProjectException.class)
			.hasMessageContaining("project.yaml: is not valid YAML (line ");
	}

	private Path packageWith(String manifest) throws IOException {
		Path project = dir.resolve("demo");
		Files.createDirectories(project.resolve("starter"));
		Files.createDirectories(project.resolve("solution"));
		Files.writeString(project.resolve("starter/DESIGN.md"), "## Problem statement\n(prompt)\n");
		Files.writeString(project.resolve("project.yaml"), manifest);
		return project;
	}

	private static String manifest(String checks) {
		return """
				id: demo
				title: Demo
				skill: system-design
				rubric: design-doc
				starter: starter
				solution: solution
				milestones:
				  - id: m1
				    title: First
				    why: Because.
				    steps: [Write the problem.]
				    checks:
				""" + checks;
	}

}
