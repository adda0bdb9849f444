package dev.provingground.sci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.provingground.sci.SciCalculator.Activity;
import dev.provingground.sci.SciCalculator.Contribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SciCalculatorTest {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private final SciCalculator calculator = new SciCalculator(
			SciParameters.read(Path.of("../rubrics/sci.yaml").toAbsolutePath()));

	@Test
	void followsTheDesignFormulasWithTheParametersOfSciYaml() {
		var first = new Activity("scenario-1", "scenario-1", true, NOW.minus(Duration.ofDays(90)), 1.0, 0.8, Set.of("eve", "max"));
		var second = new Activity("scenario-2", "scenario-2", true, NOW.minus(Duration.ofDays(30)), 1.0, 0.6, Set.of("eve", "zoe"));

		var sci = calculator.compute(List.of(first, second), NOW);

		assertThat(sci.practice().points()).isCloseTo(25 * (1 - Math.exp(-2 / 4.0)), within(1e-9));
		assertThat(sci.proof().points()).isCloseTo(40 * (0.9 + 0.8) / 2, within(1e-9));
		assertThat(sci.reliability().points()).isCloseTo(20 * 3 / 3.0 * (1 - 2 * 0.05), within(1e-9));
		assertThat(sci.freshness().points()).isCloseTo(15 * Math.pow(2, -30 / 90.0), within(1e-9));
		assertThat(sci.total()).isCloseTo(sci.practice().points() + sci.proof().points() + sci.reliability().points()
				+ sci.freshness().points(), within(1e-9));
	}

	@Test
	void explainsWhichEvidenceContributedHowMuch() {
		var reviewed = new Activity("scenario-1", "scenario-1", true, NOW.minus(Duration.ofDays(10)), 1.0, 0.5, Set.of("eve"));
		var checkedOnly = new Activity("scenario-2", "scenario-2", true, NOW.minus(Duration.ofDays(1)), 0.8, null, Set.of());

		var sci = calculator.compute(List.of(reviewed, checkedOnly), NOW);

		assertThat(sci.proof().contributions()).containsExactly(new Contribution("scenario-2", 40 * 0.8 / 2),
				new Contribution("scenario-1", 40 * 0.75 / 2));
		assertThat(sci.freshness().contributions()).extracting(Contribution::source).containsExactly("scenario-2");
		assertThat(sci.reliability().contributions()).extracting(Contribution::source).containsExactly("eve");
		assertThat(sci.proof().contributions().stream().mapToDouble(Contribution::points).sum())
			.isCloseTo(sci.proof().points(), within(1e-9));
	}

	@Test
	void noEvidenceIsZeroAndOnlyTheTenMostRecentActivitiesProve() {
		assertThat(calculator.compute(List.of(), NOW).total()).isZero();

		var activities = new java.util.ArrayList<Activity>();
		for (int day = 1; day <= 12; day++) {
			activities.add(new Activity("a" + day, "a" + day, true, NOW.minus(Duration.ofDays(day)), day <= 10 ? 1.0 : 0.0, null, Set.of()));
		}
		assertThat(calculator.compute(activities, NOW).proof().points()).isCloseTo(40, within(1e-9));
	}

	@Test
	void practiceCountsDistinctCompletedActivitiesAndFreshnessWholeDays() {
		var passed = new Activity("run-1", "scenario-1", true, NOW.minus(Duration.ofHours(47)), 1.0, null, Set.of());
		var passedAgain = new Activity("run-2", "scenario-1", true, NOW.minus(Duration.ofDays(5)), 1.0, null, Set.of());
		var gaveUp = new Activity("run-3", "scenario-2", false, NOW.minus(Duration.ofDays(6)), 0.25, null, Set.of());

		var sci = calculator.compute(List.of(gaveUp, passedAgain, passed), NOW);

		assertThat(sci.practice().points()).isCloseTo(25 * (1 - Math.exp(-1 / 4.0)), within(1e-9));
		assertThat(sci.practice().contributions()).extracting(Contribution::source).containsExactly("run-1");
		assertThat(sci.proof().points()).isCloseTo(40 * (1.0 + 1.0 + 0.25) / 3, within(1e-9));
		assertThat(sci.freshness().points()).as("47 hours is one whole day")
			.isCloseTo(15 * Math.pow(2, -1 / 90.0), within(1e-9));
	}

	@Test
	void parametersThatDoNotAddUpTo100AreRefused(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("sci.yaml");
		Files.writeString(file, Files.readString(Path.of("../rubrics/sci.yaml")).replace("max: 25", "max: 30")
			.replace("half_life_days: 90", "half_life: 90"));

		assertThatThrownBy(() -> SciParameters.read(file)).hasMessageContaining(
				"sci.yaml: freshness.half_life: is not a known field here")
			.hasMessageContaining("sci.yaml: freshness.half_life_days: is missing");
		Files.writeString(file, Files.readString(Path.of("../rubrics/sci.yaml")).replace("max: 25", "max: 30"));
		assertThatThrownBy(() -> SciParameters.read(file))
			.hasMessage("sci.yaml: the maxima of practice, proof, reliability and freshness add up to 105, not 100");
	}

}
