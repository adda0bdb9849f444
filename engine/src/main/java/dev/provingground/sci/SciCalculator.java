package dev.provingground.sci;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes a learner's SCI for one skill from their activities, and says which activity contributed how much to each
 * component, so that every figure can be explained.
 */
public final class SciCalculator {

	/** The source that Proof credits with the prior's share. */
	public static final String PRIOR = "prior";

	private final SciParameters parameters;

	public SciCalculator(SciParameters parameters) {
		this.parameters = parameters;
	}

	/**
	 * One finished activity.
	 *
	 * @param id the activity's instance, such as the run's process instance: what the explanation names
	 * @param activity what was done, such as the scenario id; practice counts distinct ones
	 * @param completed it passed its checks or was completed, so it counts towards practice
	 * @param checkScore its automated-check score in [0,1], or null when it had no checks
	 * @param rubricScore its reviewer-weighted rubric score in [0,1], or null when it was not reviewed
	 * @param reviewers the independent reviewers and evaluators who scored it
	 * @param rubricWeight the weight of the rubric score against the check score's 1: the reviewer's calibration weight
	 */
	public record Activity(String id, String activity, boolean completed, Instant completedAt, Double checkScore,
			Double rubricScore, Set<String> reviewers, double rubricWeight) {

		public Activity {
			reviewers = Set.copyOf(reviewers);
		}

		/** The weighted mean of the scores that exist; null when neither does. */
		Double score() {
			if (checkScore == null && rubricScore == null) {
				return null;
			}
			if (checkScore == null || rubricScore == null) {
				return checkScore == null ? rubricScore : checkScore;
			}
			return (checkScore + rubricWeight * rubricScore) / (1 + rubricWeight);
		}

		/**
		 * The activity's weight among the others in Proof: the mean weight of its scores. Evidence judged only by a
		 * poorly calibrated reviewer proves less than evidence judged by an accurate one, or by the automated checks.
		 */
		double weight() {
			if (checkScore != null && rubricScore != null) {
				return (1 + rubricWeight) / 2;
			}
			return rubricScore != null ? rubricWeight : 1;
		}

	}

	/** What one activity (or reviewer) added to a component. */
	public record Contribution(String source, double points) {
	}

	public record Component(double points, List<Contribution> contributions) {

		public Component {
			contributions = List.copyOf(contributions);
		}

	}

	public record SciBreakdown(Component practice, Component proof, Component reliability, Component freshness) {

		public double total() {
			return practice.points() + proof.points() + reliability.points() + freshness.points();
		}

	}

	public SciBreakdown compute(List<Activity> activities, Instant now) {
		List<Activity> newestFirst = activities.stream()
			.sorted(Comparator.comparing(Activity::completedAt).reversed())
			.toList();
		return new SciBreakdown(practice(newestFirst), proof(newestFirst), reliability(newestFirst),
				freshness(newestFirst, now));
	}

	/** A counts distinct activities completed: passing the same scenario twice is one. The newest run of each counts. */
	private Component practice(List<Activity> activities) {
		Map<String, Activity> distinct = new LinkedHashMap<>();
		activities.stream().filter(Activity::completed).forEach(a -> distinct.putIfAbsent(a.activity(), a));
		int count = distinct.size();
		double points = parameters.practiceMax() * (1 - Math.exp(-count / parameters.practiceScale()));
		// The curve is not additive; each activity is credited an equal share of it.
		return new Component(points,
				distinct.values().stream().map(a -> new Contribution(a.id(), points / count)).toList());
	}

	/**
	 * The weighted mean score of the recent activities, shrunk towards the prior: the prior counts as
	 * {@code prior_weight} activities of weight 1 scoring {@code prior_mean}, so that one perfect activity proves less
	 * than several good ones. Its share is credited to the source "prior". No scored activity, or only ones of weight
	 * 0, proves nothing.
	 */
	private Component proof(List<Activity> activities) {
		List<Activity> recent = activities.stream()
			.filter(a -> a.score() != null)
			.limit(parameters.proofRecentActivities())
			.toList();
		if (recent.isEmpty()) {
			return new Component(0, List.of());
		}
		double evidence = recent.stream().mapToDouble(Activity::weight).sum();
		if (evidence == 0) {
			// Only untrusted scores: nothing proven, and nothing for the prior to shrink.
			return new Component(0, recent.stream().map(a -> new Contribution(a.id(), 0)).toList());
		}
		double weights = evidence + parameters.proofPriorWeight();
		List<Contribution> contributions = new ArrayList<>(recent.stream()
			.map(a -> new Contribution(a.id(), parameters.proofMax() * a.weight() * a.score() / weights))
			.toList());
		if (parameters.proofPriorWeight() > 0) {
			contributions.add(new Contribution(PRIOR, parameters.proofMax() * parameters.proofPriorWeight()
					* parameters.proofPriorMean() / weights));
		}
		return new Component(contributions.stream().mapToDouble(Contribution::points).sum(), contributions);
	}

	/**
	 * Reviewers times consistency. The spread of fewer than {@code scored_activities_for_spread} scores is unknown, not
	 * perfect: it earns nothing.
	 */
	private Component reliability(List<Activity> activities) {
		Set<String> reviewers = new TreeSet<>();
		activities.forEach(a -> reviewers.addAll(a.reviewers()));
		List<Double> scores = activities.stream().map(Activity::score).filter(s -> s != null).toList();
		double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double sigma = Math.sqrt(scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).average().orElse(0));
		double consistency = scores.size() < parameters.scoredActivitiesForSpread() ? 0
				: 1 - Math.min(1, parameters.spreadFactor() * sigma);
		int full = parameters.reviewersForFull();
		double points = parameters.reliabilityMax() * Math.min(reviewers.size(), full) / full * consistency;
		List<Contribution> contributions = new ArrayList<>();
		reviewers.stream().limit(full).forEach(reviewer -> contributions.add(
				new Contribution(reviewer, points / Math.min(reviewers.size(), full))));
		return new Component(points, contributions);
	}

	private Component freshness(List<Activity> activities, Instant now) {
		if (activities.isEmpty()) {
			return new Component(0, List.of());
		}
		Activity newest = activities.get(0);
		double points = freshness(parameters, newest.completedAt(), now);
		return new Component(points, List.of(new Contribution(newest.id(), points)));
	}

	/**
	 * Freshness counts whole days since the newest evidence, so that a recompute on the same day gives the same value:
	 * the daily decay ({@code freshness_points} in SQL) follows the same rule.
	 */
	static double freshness(SciParameters parameters, Instant newest, Instant now) {
		long days = Math.max(0, Duration.between(newest, now).toDays());
		return parameters.freshnessMax() * Math.pow(2, -days / parameters.halfLifeDays());
	}

}
