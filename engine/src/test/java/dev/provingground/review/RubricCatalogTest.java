package dev.provingground.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RubricCatalogTest {

	static final Path RUBRICS = Path.of("../rubrics").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	private final Rubric scenarioRubric = RubricCatalog.of(RUBRICS).find("scenario-default").orElseThrow();

	@Test
	void theScenarioRubricCoversDiagnosisFixAndUnderstanding() {
		assertThat(RubricCatalog.of(RUBRICS).failures()).isEmpty();
		assertThat(scenarioRubric.criteria()).extracting(Rubric.Criterion::id)
			.containsExactly("diagnosis", "fix", "understanding");
		assertThat(scenarioRubric.criteria()).allSatisfy(criterion -> assertThat(criterion.levels()).hasSize(4));
	}

	@Test
	void aScoreIsWeightedAndComparedWithThePassThreshold() {
		RubricScore strong = scenarioRubric.score(Map.of("diagnosis", 3, "fix", 2, "understanding", 2));
		RubricScore weak = scenarioRubric.score(Map.of("diagnosis", 1, "fix", 1, "understanding", 2));

		assertThat(strong.score()).isCloseTo(0.35 + 0.35 * 2 / 3 + 0.30 * 2 / 3, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(strong.passed()).isTrue();
		assertThat(weak.score()).isCloseTo(0.35 / 3 + 0.35 / 3 + 0.30 * 2 / 3, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(weak.passed()).isFalse();
	}

	@Test
	void aScoreThatDoesNotFitTheRubricNamesEveryProblem() {
		assertThatThrownBy(() -> scenarioRubric.score(Map.of("diagnosis", 5, "fix", 2, "style", 3)))
			.isInstanceOf(InvalidScoreException.class)
			.satisfies(ex -> assertThat(((InvalidScoreException) ex).problems()).containsExactlyInAnyOrder(
					"'style' is not a criterion of rubric scenario-default",
					"diagnosis: 5 is not one of its levels [0, 1, 2, 3]", "understanding has no score"));
	}

	@Test
	void anInvalidRubricIsSkippedWithEveryProblemNamed() throws IOException {
		Files.copy(RUBRICS.resolve("scenario-default.yaml"), dir.resolve("scenario-default.yaml"));
		Files.writeString(dir.resolve("sci.yaml"), "not: a rubric\n");
		Files.writeString(dir.resolve("broken.yaml"), """
				id: broken
				title: Broken
				pass_threshold: 1.5
				criteria:
				  - id: a
				    title: A
				    weight: 0.5
				    levels:
				      - { points: 0, title: No, descriptor: none }
				      - { points: 0, title: Also no, descriptor: none }
				  - id: b
				    title: B
				    weigth: 0.5
				""");

		RubricCatalog catalog = RubricCatalog.of(dir);

		assertThat(catalog.rubrics()).extracting(Rubric::id).containsExactly("scenario-default");
		assertThat(catalog.failures().get("broken.yaml")).contains(
				"broken.yaml: pass_threshold: must be between 0.01 and 1, not 1.5",
				"broken.yaml: criteria[0].levels[1].points: 0 is used by another level",
				"broken.yaml: criteria[1].weigth: is not a known field here; known fields are [id, levels, title, weight]",
				"broken.yaml: criteria[1].weight: is missing",
				"broken.yaml: criteria[1].levels: must list at least two levels");
	}

}
