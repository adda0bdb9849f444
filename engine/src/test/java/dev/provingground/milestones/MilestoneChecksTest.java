package dev.provingground.milestones;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each check kind over real files: a starter with templates, and a workspace the learner wrote. */
class MilestoneChecksTest {

	private static final List<String> HINTS = List.of("gentle", "more specific", "names the concept");

	private static final String TEMPLATE = """
			# Design

			## Problem statement
			(one paragraph: the system + the central tension it must resolve)

			## Partitioning
			- Partition key:
			- Hotspot argument (why this key spreads evenly):

			## Failure modes
			| component | failure | mitigation |
			|-----------|---------|------------|
			| <component> | <failure> | <mitigation> |

			## Later
			""";

	@TempDir
	Path dir;

	Path workspace;

	@BeforeEach
	void starter() throws IOException {
		write(dir.resolve("starter/DESIGN.md"), TEMPLATE);
		write(dir.resolve("starter/adr/0000-template.md"), "# NNNN. <title>\n\n## Status\n(proposed)\n\n## Decision\n(what)\n");
		workspace = Files.createDirectories(dir.resolve("workspace"));
	}

	@Test
	void sectionsPassWhenEachHoldsTextOfTheLearnersOwn() throws IOException {
		var check = new DocumentCheck.Sections("written", "Written", HINTS, "DESIGN.md",
				List.of("Problem statement", "Partitioning"), false);
		design(TEMPLATE);
		assertThat(run(check).message()).isEqualTo("DESIGN.md: the section 'Problem statement' has no text of your own yet");

		design(TEMPLATE.replace("(one paragraph", "A feed for 10M users.\n(one paragraph")
			.replace("- Partition key:", "- Partition key: user_id"));
		assertThat(run(check).passed()).isTrue();

		design("## Problem statement\nA feed.\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md: the section 'Partitioning' is missing");
	}

	@Test
	void sectionsInOrderNameTheSectionOutOfPlace() throws IOException {
		var check = new DocumentCheck.Sections("runbook", "Runbook", HINTS, "DESIGN.md",
				List.of("Mitigate", "Rollback"), true);
		design("## Rollback\nUndo it.\n\n## Mitigate\nStop it.\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md: the section 'Rollback' comes before 'Mitigate'; it must come after");

		design("## Mitigate\nStop it.\n\n## Rollback\nUndo it.\n");
		assertThat(run(check).passed()).isTrue();
	}

	@Test
	void noPlaceholdersFindsTbdLoremAngleSlotsAndPromptsLeftAsTheyWere() throws IOException {
		var check = new DocumentCheck.NoPlaceholders("clean", "Clean", HINTS, List.of("DESIGN.md"), List.of());
		design(TEMPLATE);
		assertThat(run(check).message()).startsWith("4 placeholder(s) or template prompt(s) left as they were, such as "
				+ "DESIGN.md: '(one paragraph: the system + the central tension it must resolve)'");

		design("## Problem statement\nLorem ipsum dolor.\n");
		assertThat(run(check).message()).contains("'Lorem ipsum dolor.'");
		design("## Problem statement\nThe key is TBD.\n");
		assertThat(run(check).passed()).isFalse();
		design("## Problem statement\n| <write X> | strong |\n");
		assertThat(run(check).passed()).isFalse();

		design("## Problem statement\nThe tension is latency versus cost, p99 < 200 ms.\n\n"
				+ "| component | failure | mitigation |\n|---|---|---|\n| db | down | replica |\n");
		assertThat(run(check).passed()).isTrue();
	}

	@Test
	void noPlaceholdersCanLookAtSomeSectionsOnly() throws IOException {
		var check = new DocumentCheck.NoPlaceholders("clean", "Clean", HINTS, List.of("DESIGN.md"),
				List.of("Problem statement"));
		design(TEMPLATE.replace("(one paragraph: the system + the central tension it must resolve)", "A feed."));

		assertThat(run(check).passed()).as("the Partitioning prompts are a later milestone's").isTrue();
	}

	@Test
	void itemsNeedAnAnswerAfterTheColonWithEnoughWordsAndNumbers() throws IOException {
		var check = new DocumentCheck.Items("partition", "Partition", HINTS, "DESIGN.md", "Partitioning",
				List.of("Partition key", "Hotspot argument"), 3, false);
		design(TEMPLATE);
		assertThat(run(check).message()).isEqualTo("DESIGN.md, Partitioning: 'Partition key' is empty");

		design("## Partitioning\n- Partition key: user_id hashed evenly\n");
		assertThat(run(check).message()).isEqualTo(
				"DESIGN.md, Partitioning: 'Hotspot argument' is missing; write it as a list item, '- Hotspot argument: ...'");

		design("## Partitioning\n- Partition key: user_id hashed evenly\n- Hotspot argument (why): TBD\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md, Partitioning: 'Hotspot argument' is a placeholder ('TBD')");

		design("## Partitioning\n- Partition key: user_id hashed evenly\n- **Hotspot argument**: fine\n");
		assertThat(run(check).message()).contains("'Hotspot argument' has 1 word(s); it needs at least 3");

		design("## Partitioning\n- Partition key: user_id hashed evenly\n- Hotspot argument: writes land on recipients, spread by the hash\n");
		assertThat(run(check).passed()).isTrue();

		var numbers = new DocumentCheck.Items("scale", "Scale", HINTS, "DESIGN.md", "Partitioning",
				List.of("Partition key"), 1, true);
		assertThat(run(numbers).message()).isEqualTo(
				"DESIGN.md, Partitioning: 'Partition key' has no number; give an estimate, such as 2,000 per second");
		design("## Partitioning\n- Partition key: user_id into 4,096 virtual shards\n");
		assertThat(run(numbers).passed()).isTrue();
	}

	@Test
	void tablesCountTheLearnersRowsAndNameTheEmptyColumn() throws IOException {
		var check = new DocumentCheck.Table("failures", "Failures", HINTS, "DESIGN.md", "Failure modes", 2,
				List.of("component", "failure", "mitigation"), List.of());
		design(TEMPLATE);
		assertThat(run(check).message())
			.isEqualTo("DESIGN.md, Failure modes: the table has 0 row(s) of your own; it needs at least 2");

		design("## Failure modes\n| component | failure | mitigation |\n|---|---|---|\n| db | down | replica takes over |\n| cache | lost |  |\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md, Failure modes: row 2 ('cache') has no 'mitigation'");

		design("## Failure modes\n| component | failure | mitigation |\n|---|---|---|\n| db | down | TBD |\n");
		assertThat(run(check).message())
			.isEqualTo("DESIGN.md, Failure modes: row 1 ('db') has a placeholder as its 'mitigation' ('TBD')");

		design("## Failure modes\n| component | failure | mitigation |\n|---|---|---|\n| db | down | replica takes over |\n| cache | lost | refill from db |\n");
		assertThat(run(check).passed()).isTrue();

		design("## Failure modes\n| component | failure |\n|---|---|\n| db | down |\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md, Failure modes: the table has no 'mitigation' column");

		design("## Failure modes\nNone yet.\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md, Failure modes: there is no table");
	}

	@Test
	void numericColumnsNeedANumber() throws IOException {
		var check = new DocumentCheck.Table("slos", "SLOs", HINTS, "DESIGN.md", "SLOs", 1,
				List.of("SLI", "target"), List.of("target"));
		design("## SLOs\n| SLI | target |\n|---|---|\n| inbox latency | fast |\n");
		assertThat(run(check).message()).isEqualTo("DESIGN.md, SLOs: row 1 ('inbox latency') has no number in 'target' ('fast')");

		design("## SLOs\n| SLI | target |\n|---|---|\n| inbox latency | 99.9% under 200 ms |\n");
		assertThat(run(check).passed()).isTrue();
	}

	@Test
	void adrFilesLeaveTheTemplateOutAndNeedEveryHeadingFilled() throws IOException {
		var check = new DocumentCheck.AdrFiles("adrs", "ADRs", HINTS, "adr", "0000-template.md", 2,
				List.of("Status", "Decision"));
		write(workspace.resolve("adr/0000-template.md"), "# NNNN. <title>\n\n## Status\n(proposed)\n\n## Decision\n(what)\n");
		write(workspace.resolve("adr/0001-shard.md"), "# 1. Shard\n\n## Status\nAccepted\n\n## Decision\nWe shard by user.\n");
		assertThat(run(check).message()).isEqualTo(
				"adr/ holds 1 complete ADR(s) (Status, Decision filled); at least 2 are needed");

		write(workspace.resolve("adr/0002-cache.md"), "# 2. Cache\n\n## Status\n(proposed)\n\n## Decision\nWe cache.\n");
		assertThat(run(check).message()).endsWith("adr/0002-cache.md: the section 'Status' has no text of your own yet");

		write(workspace.resolve("adr/0002-cache.md"), "# 2. Cache\n\n## Status\nAccepted\n\n## Decision\nWe cache.\n");
		assertThat(run(check).passed()).isTrue();
	}

	@Test
	void patternsMatchOnlyTheLearnersOwnText() throws IOException {
		var check = new DocumentCheck.Matches("tension", "Tension", HINTS, "DESIGN.md", "Problem statement",
				Pattern.compile("\\btension\\b", Pattern.CASE_INSENSITIVE), "central tension");
		design(TEMPLATE);
		assertThat(run(check).message()).as("the template's prompt names the tension, the learner has not")
			.isEqualTo("DESIGN.md, Problem statement: found no central tension");

		design("## Problem statement\nThe Tension is speed versus fan-out.\n");
		assertThat(run(check).passed()).isTrue();
	}

	@Test
	void aMissingFileFailsWithAMessageNotAnError() {
		var check = new DocumentCheck.Sections("written", "Written", HINTS, "DESIGN.md", List.of("Problem"), false);

		assertThat(run(check).message()).isEqualTo("the workspace has no DESIGN.md; start from the starter's copy");
	}

	@Test
	void eachFailureBringsTheNextHintAndStaysOnTheLast() {
		var check = new DocumentCheck.Sections("written", "Written", HINTS, "DESIGN.md", List.of("Problem"), false);
		Project project = project(check);

		assertThat(List.of(0, 1, 2, 7))
			.extracting(failures -> MilestoneChecks.run(project, "m1", workspace, Map.of("written", failures)).get(0).hint())
			.containsExactly("gentle", "more specific", "names the concept", "names the concept");
	}

	@Test
	void aPassedCheckHasNoHint() throws IOException {
		var check = new DocumentCheck.Sections("written", "Written", HINTS, "DESIGN.md", List.of("Problem"), false);
		design("## Problem statement\nA feed.\n");

		DocumentVerdict verdict = run(check);

		assertThat(verdict.passed()).isTrue();
		assertThat(verdict.hint()).isNull();
		assertThat(verdict.kind()).isEqualTo("sections");
	}

	private DocumentVerdict run(DocumentCheck check) {
		return MilestoneChecks.run(project(check), "m1", workspace, Map.of()).get(0);
	}

	private Project project(DocumentCheck check) {
		return new Project("p", "P", "", "system-design", "design-doc", dir, "starter", "solution",
				List.of(new Milestone("m1", "M1", "why", List.of("step"), List.of(check))), false);
	}

	private void design(String text) throws IOException {
		write(workspace.resolve("DESIGN.md"), text);
	}

	private static void write(Path file, String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}
