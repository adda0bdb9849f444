package dev.provingground.sci;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;

/**
 * bench/run sci-population: a simulated population of learners through the real SCI calculator (with
 * {@code rubrics/sci.yaml}) and the tier decision as shipped ({@code processes/sci-tier.dmn}, what a new installation
 * deploys). It prints the spread of SCI and the share of each tier, and the standing of a few reference learners: the
 * seed's "average practitioner" (six activities, mean score 0.7 with a spread of 0.15, three reviewers, newest evidence
 * 53 days old; the seed gives 19 / 28 / 14 / 10 and SCI 74 at tier 3), one reviewed activity, and one perfect activity
 * against five good ones. Arguments: LEARNERS (default 10,000) and SEED (default 20261203).
 * <p>
 * The population, per learner: activities 1 + an exponential count of mean 3 (at most 20), over 12 scenarios of one or
 * two of 10 concepts; a skill level uniform in [0.35, 0.95] and each score normal around it (σ 0.12, clamped to [0,1]);
 * each activity reviewed with probability 0.6 by one of 8 reviewers, its rubric passed at a score of 0.6 or more, its
 * checks at 0.5 or more; the newest evidence an exponential age of mean 45 days, the others up to a year older;
 * qualified endorsers 0–3 for one learner in five.
 */
public final class SciPopulationBenchmark {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private static final List<String> CONCEPTS = List.of("Database Indexes", "Query Planning", "Pool Sizing",
			"Timeouts", "Horizontal Scaling", "Caching", "Partitioning", "Replication", "Queues", "Rate Limiting");

	private final SciCalculator calculator;

	private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private final DmnDecision decision;

	private SciPopulationBenchmark(Path root) throws Exception {
		this.calculator = new SciCalculator(SciParameters.read(root.resolve("rubrics/sci.yaml")));
		try (InputStream dmnFile = Files.newInputStream(root.resolve("processes/sci-tier.dmn"))) {
			this.decision = dmn.parseDecision("sci-tier", dmnFile);
		}
	}

	public static void main(String[] args) throws Exception {
		int learners = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261203L;
		Path root = Files.isDirectory(Path.of("rubrics")) ? Path.of(".") : Path.of("..");
		new SciPopulationBenchmark(root).run(learners, seed);
	}

	/** One learner's standing: the components, the SCI as stored, and the tier. */
	record Standing(double practice, double proof, double reliability, double freshness, double sci, Tier tier) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("practice", SkillStandings.round(practice));
			json.put("proof", SkillStandings.round(proof));
			json.put("reliability", SkillStandings.round(reliability));
			json.put("freshness", SkillStandings.round(freshness));
			json.put("sci", sci);
			json.put("tier", tier.name());
			return json;
		}

	}

	Standing standing(List<FinishedActivity> activities, int endorsers) {
		var breakdown = calculator.compute(activities.stream().map(FinishedActivity::scored).toList(), NOW);
		double sci = SkillStandings.storedSci(breakdown);
		var figures = SkillFigures.of(sci, activities, endorsers);
		Tier tier = Tier.fromDecision(
				dmn.evaluateDecisionTable(decision, Variables.fromMap(figures.decisionInputs())).getSingleEntry());
		return new Standing(breakdown.practice().points(), breakdown.proof().points(),
				breakdown.reliability().points(), breakdown.freshness().points(), sci, tier);
	}

	private void run(int learners, long seed) throws Exception {
		Random random = new Random(seed);
		List<Double> scis = new ArrayList<>();
		Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
		for (Tier tier : Tier.values()) {
			tiers.put(tier, 0);
		}
		for (int learner = 0; learner < learners; learner++) {
			Standing standing = standing(simulated(random, "l" + learner), random.nextInt(5) == 0 ? random.nextInt(4) : 0);
			scis.add(standing.sci());
			tiers.merge(standing.tier(), 1, Integer::sum);
		}
		List<Double> sorted = scis.stream().sorted().toList();
		Map<String, Object> distribution = new LinkedHashMap<>();
		for (int percentile : List.of(10, 25, 50, 75, 90)) {
			distribution.put("p" + percentile, sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)));
		}
		Map<String, Object> tierShares = new LinkedHashMap<>();
		tiers.forEach((tier, count) -> tierShares.put(tier.name(), Math.round(1000.0 * count / learners) / 1000.0));

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("benchmark", "sci-population");
		result.put("learners", learners);
		result.put("seed", seed);
		result.put("sci", distribution);
		result.put("tiers", tierShares);
		result.put("average_practitioner", standing(averagePractitioner(), 0).json());
		result.put("seed_average_practitioner",
				Map.of("practice", 19, "proof", 28, "reliability", 14, "freshness", 10, "sci", 74, "tier", "VERIFIED"));
		result.put("one_reviewed_activity", standing(List.of(activity("one", "item-lookup", 0, 1.0, 0.9, "eve",
				Set.of("Database Indexes"))), 0).json());
		result.put("proof_one_perfect", SkillStandings.round(standing(List.of(activity("p", "s0", 1, 1.0, null, null,
				Set.of())), 0).proof()));
		List<FinishedActivity> fiveGood = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			fiveGood.add(activity("g" + i, "s" + i, 1 + i, 0.8, null, null, Set.of()));
		}
		result.put("proof_five_at_0_8", SkillStandings.round(standing(fiveGood, 0).proof()));
		System.out.println(new ObjectMapper().writeValueAsString(result));
	}

	/**
	 * Six activities on six scenarios and four concepts, scored 0.7 on average with a spread of 0.15 (population
	 * σ), each reviewed and passed, by three reviewers; the newest 53 days old.
	 */
	private static List<FinishedActivity> averagePractitioner() {
		double[] scores = { 0.55, 0.55, 0.55, 0.85, 0.85, 0.85 };
		String[] reviewers = { "eve", "max", "zoe", "eve", "max", "zoe" };
		List<FinishedActivity> activities = new ArrayList<>();
		for (int i = 0; i < scores.length; i++) {
			activities.add(activity("avg-" + i, "scenario-" + i, 53 + 30 * i, scores[i], scores[i], reviewers[i],
					Set.of(CONCEPTS.get(i % 4))));
		}
		return activities;
	}

	/** An activity whose check and rubric scores are both {@code score} (the rubric only when reviewed). */
	private static FinishedActivity activity(String id, String scenario, int daysAgo, double checkScore,
			Double rubricScore, String reviewer, Set<String> concepts) {
		boolean reviewed = reviewer != null && rubricScore != null;
		return new FinishedActivity(id, "learner", "system-design", scenario, checkScore >= 0.5,
				NOW.minus(Duration.ofDays(daysAgo)), checkScore, reviewed ? rubricScore : null, checkScore >= 0.5,
				reviewed && rubricScore >= 0.6, reviewed ? Set.of(reviewer) : Set.of(), 1.0, concepts);
	}

	private static List<FinishedActivity> simulated(Random random, String learner) {
		int count = Math.min(20, 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 3));
		double level = 0.35 + 0.6 * random.nextDouble();
		double newestAge = -Math.log(1 - random.nextDouble()) * 45;
		List<FinishedActivity> activities = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int scenario = random.nextInt(12);
			Set<String> concepts = new TreeSet<>(List.of(CONCEPTS.get(scenario % 10)));
			if (scenario % 3 == 0) {
				concepts.add(CONCEPTS.get((scenario + 1) % 10));
			}
			double score = Math.max(0, Math.min(1, level + 0.12 * random.nextGaussian()));
			double check = Math.round(score * 4) / 4.0; // a share of four checks
			boolean reviewed = random.nextDouble() < 0.6;
			int daysAgo = (int) (i == 0 ? newestAge : newestAge + random.nextInt(365));
			activities.add(activity(learner + "-" + i, "scenario-" + scenario, daysAgo, check, reviewed ? score : null,
					reviewed ? "reviewer-" + random.nextInt(8) : null, concepts));
		}
		return activities;
	}

}
