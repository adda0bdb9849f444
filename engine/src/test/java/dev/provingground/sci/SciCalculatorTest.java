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

	/** sci.yaml's prior: K pseudo-activities scoring M. */
	private static final double K = 2, M = 0.5;

	private final SciCalculator calculator = new SciCalculator(
			SciParameters.read(Path.of("../rubrics/sci.yaml").toAbsolutePath()));

	@Test
	void followsTheDesignFormulasWithTheParametersOfSciYaml() {
		var first = new Activity("scenario-1", "scenario-1", true, NOW.minus(Duration.ofDays(90)), 1.0, 0.8, Set.of("eve", "max"), 1.0);
		var second = new Activity("scenario-2", "scenario-2", true, NOW.minus(Duration.ofDays(30)), 1.0, 0.6, Set.of("eve", "zoe"), 1.0);

		var sci = calculator.compute(List.of(first, second), NOW);

		assertThat(sci.practice().points()).isCloseTo(25 * (1 - Math.exp(-2 / 4.0)), within(1e-9));
		assertThat(sci.proof().points()).isCloseTo(40 * (0.9 + 0.8 + K * M) / (2 + K), within(1e-9));
		assertThat(sci.reliability().points()).isCloseTo(20 * 3 / 3.0 * (1 - 2 * 0.05), within(1e-9));
		assertThat(sci.freshness().points()).isCloseTo(15 * Math.pow(2, -30 / 90.0), within(1e-9));
		assertThat(sci.total()).isCloseTo(sci.practice().points() + sci.proof().points() + sci.reliability().points()
				+ sci.freshness().points(), within(1e-9));
	}

	@Test
	void explainsWhichEvidenceContributedHowMuch() {
		var reviewed = new Activity("scenario-1", "scenario-1", true, NOW.minus(Duration.ofDays(10)), 1.0, 0.5, Set.of("eve"), 1.0);
		var checkedOnly = new Activity("scenario-2", "scenario-2", true, NOW.minus(Duration.ofDays(1)), 0.8, null, Set.of(), 1.0);

		var sci = calculator.compute(List.of(reviewed, checkedOnly), NOW);

		assertThat(sci.proof().contributions()).containsExactly(new Contribution("scenario-2", 40 * 0.8 / (2 + K)),
				new Contribution("scenario-1", 40 * 0.75 / (2 + K)), new Contribution(SciCalculator.PRIOR, 40 * K * M / (2 + K)));
		assertThat(sci.freshness().contributions()).extracting(Contribution::source).containsExactly("scenario-2");
		assertThat(sci.reliability().contributions()).extracting(Contribution::source).containsExactly("eve");
		assertThat(sci.proof().contributions().stream().mapToDouble(Contribution::points).sum())
			.isCloseTo(sci.proof().points(), within(1e-9));
	}

	/**
	 * A reviewer with calibration weight 0.5 counts half as much as the checks within their activity, and their
	 * activity counts (1 + 0.5) / 2 = 0.75 as much as a fully weighted one among the others.
	 */
	@Test
	void aLessAccurateReviewerWeighsLessInProof() {
		var weakReviewer = new Activity("scenario-1", "scenario-1", true, NOW.minus(Duration.ofDays(2)), 1.0, 0.5, Set.of("eve"), 0.5);
		var peerSession = new Activity("session-1", "peer-session:rate-limiter", true, NOW.minus(Duration.ofDays(1)), null, 0.9, Set.of("bo"), 1.0);

		var sci = calculator.compute(List.of(weakReviewer, peerSession), NOW);

		double weakScore = (1.0 + 0.5 * 0.5) / 1.5;
		assertThat(sci.proof().points()).isCloseTo(40 * (0.75 * weakScore + 1.0 * 0.9 + K * M) / (1.75 + K), within(1e-9));
		assertThat(sci.proof().contributions()).extracting(Contribution::source).containsExactly("session-1", "scenario-1",
				SciCalculator.PRIOR);

		var unweighted = new Activity("scenario-1", "scenario-1", true, NOW.minus(Duration.ofDays(2)), 1.0, 0.5, Set.of("eve"), 1.0);
		assertThat(calculator.compute(List.of(unweighted, peerSession), NOW).proof().points()).as("as before weights")
			.isCloseTo(40 * (0.75 + 0.9 + K * M) / (2 + K), within(1e-9));

		var onlyAnUntrustedReview = new Activity("session-2", "peer-session:x", true, NOW, null, 1.0, Set.of("zed"), 0.0);
		assertThat(calculator.compute(List.of(onlyAnUntrustedReview), NOW).proof().points()).as("no prior without evidence")
			.isZero();
	}

	@Test
	void noEvidenceIsZeroAndOnlyTheTenMostRecentActivitiesProve() {
		assertThat(calculator.compute(List.of(), NOW).total()).isZero();

		var activities = new java.util.ArrayList<Activity>();
		for (int day = 1; day <= 12; day++) {
			activities.add(new Activity("a" + day, "a" + day, true, NOW.minus(Duration.ofDays(day)), day <= 10 ? 1.0 : 0.0, null, Set.of(), 1.0));
		}
		assertThat(calculator.compute(activities, NOW).proof().points()).isCloseTo(40 * (10 + K * M) / (10 + K), within(1e-9));
	}

	@Test
	void practiceCountsDistinctCompletedActivitiesAndFreshnessWholeDays() {
		var passed = new Activity("run-1", "scenario-1", true, NOW.minus(Duration.ofHours(47)), 1.0, null, Set.of(), 1.0);
		var passedAgain = new Activity("run-2", "scenario-1", true, NOW.minus(Duration.ofDays(5)), 1.0, null, Set.of(), 1.0);
		var gaveUp = new Activity("run-3", "scenario-2", false, NOW.minus(Duration.ofDays(6)), 0.25, null, Set.of(), 1.0);

		var sci = calculator.compute(List.of(gaveUp, passedAgain, passed), NOW);

		assertThat(sci.practice().points()).isCloseTo(25 * (1 - Math.exp(-1 / 4.0)), within(1e-9));
		assertThat(sci.practice().contributions()).extracting(Contribution::source).containsExactly("run-1");
		assertThat(sci.proof().points()).isCloseTo(40 * (1.0 + 1.0 + 0.25 + K * M) / (3 + K), within(1e-9));
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

	/** sci.yaml with other values of the prior and the spread rule. */
	private static SciCalculator withPrior(Path dir, double mean, double weight, int forSpread) throws IOException {
		Path file = dir.resolve("sci.yaml");
		String yaml = Files.readString(Path.of("../rubrics/sci.yaml"))
			.replaceFirst("prior_mean: [0-9.]+", "prior_mean: " + mean)
			.replaceFirst("prior_weight: [0-9.]+", "prior_weight: " + weight)
			.replaceFirst("scored_activities_for_spread: [0-9]+", "scored_activities_for_spread: " + forSpread);
		Files.writeString(file, yaml);
		return new SciCalculator(SciParameters.read(file));
	}

	/**
	 * Proof = max × (Σ w·s + k·m) / (Σ w + k): with k = 2 pseudo-activities at m = 0.5, one perfect activity proves
	 * 40 × 2 / 3, less than five at 0.9, 40 × 5.5 / 7. The prior's share is credited to "prior".
	 */
	@Test
	void proofIsTheMeanShrunkTowardsThePrior(@TempDir Path dir) throws IOException {
		SciCalculator shrunk = withPrior(dir, 0.5, 2, 1);
		var perfect = new Activity("one", "scenario-1", true, NOW.minus(Duration.ofDays(1)), 1.0, null, Set.of(), 1.0);
		var one = shrunk.compute(List.of(perfect), NOW).proof();
		assertThat(one.points()).isCloseTo(40 * (1.0 + 2 * 0.5) / 3, within(1e-9));
		assertThat(one.contributions()).containsExactly(new Contribution("one", 40 * 1.0 / 3),
				new Contribution(SciCalculator.PRIOR, 40 * 1.0 / 3));

		var five = new java.util.ArrayList<Activity>();
		for (int i = 1; i <= 5; i++) {
			five.add(new Activity("a" + i, "scenario-" + i, true, NOW.minus(Duration.ofDays(i)), 0.9, null, Set.of(), 1.0));
		}
		assertThat(shrunk.compute(five, NOW).proof().points()).isCloseTo(40 * (5 * 0.9 + 1) / 7, within(1e-9))
			.isGreaterThan(one.points());

		// A reviewer's weight counts as it did: w = (1 + 0.5) / 2 for a check score and a half-weighted rubric score.
		var weighted = new Activity("w", "scenario-1", true, NOW, 1.0, 0.5, Set.of("eve"), 0.5);
		double score = (1.0 + 0.5 * 0.5) / 1.5;
		assertThat(shrunk.compute(List.of(weighted), NOW).proof().points())
			.isCloseTo(40 * (0.75 * score + 2 * 0.5) / (0.75 + 2), within(1e-9));
		assertThat(shrunk.compute(List.of(), NOW).proof().points()).as("no evidence proves nothing").isZero();
	}

	/** One score has no spread to speak of: consistency is unknown and earns no Reliability until there are two. */
	@Test
	void consistencyNeedsTwoScoredActivities(@TempDir Path dir) throws IOException {
		SciCalculator strict = withPrior(dir, 0.5, 0, 2);
		var first = new Activity("r1", "scenario-1", true, NOW.minus(Duration.ofDays(3)), 1.0, 0.8, Set.of("eve"), 1.0);
		var second = new Activity("r2", "scenario-2", true, NOW, 1.0, 0.6, Set.of("max"), 1.0);

		assertThat(strict.compute(List.of(first), NOW).reliability().points()).isZero();
		assertThat(strict.compute(List.of(first, second), NOW).reliability().points())
			.isCloseTo(20 * 2 / 3.0 * (1 - 2 * 0.05), within(1e-9));
		assertThat(calculator.compute(List.of(first), NOW).reliability().points()).as("sci.yaml's rule").isZero();
	}

}
