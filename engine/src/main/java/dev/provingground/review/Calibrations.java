package dev.provingground.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.evidence.Evidence;
import dev.provingground.evidence.EvidenceStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewer calibration. Admins mark submissions as gold, with reference scores. Before reviewing against a rubric, an
 * evaluator scores {@code required} of its gold submissions, and again once those scores are older than
 * {@code renewAfter}. How close their scores come to the references is their accuracy; the mean of the latest is their
 * weight in Proof. The same scores, gold by gold, give the inter-rater agreement of each criterion.
 */
@Service
@EnableConfigurationProperties(CalibrationSettings.class)
public class Calibrations {

	/** A reviewer's weight is the mean accuracy of this many of their latest calibrations. */
	static final int WEIGHT_WINDOW = 10;

	private final JdbcClient jdbc;

	private final RubricCatalog rubrics;

	private final EvidenceStore evidence;

	private final CalibrationSettings settings;

	private final ObjectMapper json;

	private final Clock clock;

	Calibrations(JdbcClient jdbc, RubricCatalog rubrics, EvidenceStore evidence, CalibrationSettings settings,
			ObjectMapper json, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.rubrics = rubrics;
		this.evidence = evidence;
		this.settings = settings;
		this.json = json;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A submission with the reference score an admin gave it. */
	public record Gold(String processInstanceId, String learnerId, String skill, String activityId, String rubricId,
			Map<String, Integer> referencePoints, double referenceScore, String markedBy, Instant markedAt) {
	}

	/**
	 * Marks a submission as gold, or gives a gold one new reference points.
	 * @param rubricId the rubric to score it with; null takes the rubric its review used
	 * @throws IllegalArgumentException when the submission has no evidence, or no rubric can be found for it
	 * @throws InvalidScoreException when the points do not fit the rubric
	 */
	@Transactional
	public Gold markGold(String processInstanceId, String rubricId, Map<String, Integer> points, String adminId) {
		List<Evidence> items = evidence.ofProcessInstance(processInstanceId);
		if (items.isEmpty()) {
			throw new IllegalArgumentException("There is no submission " + processInstanceId + " with evidence to mark");
		}
		String rubric = rubricId != null && !rubricId.isBlank() ? rubricId
				: jdbc.sql("select rubric_id from review where process_instance_id = ?").param(processInstanceId)
					.query(String.class).optional()
					.orElseThrow(() -> new IllegalArgumentException(
							"The submission was not reviewed yet; name the rubric to score it with"));
		RubricScore score = rubric(rubric).score(points == null ? Map.of() : points);
		Evidence first = items.get(0);
		jdbc.sql("""
				insert into gold_submission (process_instance_id, learner_id, skill, activity_id, rubric_id,
				                             reference_points, reference_score, marked_by)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
				on conflict (process_instance_id) do update
				set rubric_id = excluded.rubric_id, reference_points = excluded.reference_points,
				    reference_score = excluded.reference_score, marked_by = excluded.marked_by, marked_at = now(),
				    retired_at = null
				""").params(processInstanceId, first.learnerId(), first.skill(), first.activityId(), rubric,
				toJson(score.points()), score.score(), adminId).update();
		return gold(processInstanceId).orElseThrow();
	}

	/** The gold submission is no longer offered; the calibrations made with it still count. */
	@Transactional
	public void retire(String processInstanceId) {
		if (jdbc.sql("update gold_submission set retired_at = now() where process_instance_id = ? and retired_at is null")
			.param(processInstanceId).update() == 0) {
			throw new IllegalArgumentException("There is no active gold submission " + processInstanceId);
		}
	}

	public List<Gold> golds() {
		return jdbc.sql("select * from gold_submission where retired_at is null order by rubric_id, marked_at")
			.query(this::goldRow)
			.list();
	}

	/**
	 * Where a reviewer stands with one rubric.
	 *
	 * @param required whether calibration applies: the rubric has enough gold submissions to calibrate with
	 * @param done distinct gold submissions of the rubric the reviewer scored within the renewal period
	 * @param dueAgainAt when the oldest of those scores expires, once calibrated
	 */
	public record Status(String rubricId, boolean required, int done, int needed, boolean calibrated,
			Instant dueAgainAt) {
	}

	public Status status(String reviewerId, String rubricId) {
		int golds = jdbc.sql("select count(*) from gold_submission where rubric_id = ? and retired_at is null")
			.param(rubricId).query(Integer.class).single();
		boolean required = golds >= settings.required();
		List<Instant> recent = jdbc.sql("""
				select max(scored_at) as scored_at from calibration_score
				where reviewer_id = ? and rubric_id = ? and scored_at >= ?
				group by process_instance_id order by 1 desc
				""").params(reviewerId, rubricId, Timestamp.from(renewalStart()))
			.query((rs, row) -> rs.getTimestamp("scored_at").toInstant())
			.list();
		boolean calibrated = !required || recent.size() >= settings.required();
		Instant dueAgainAt = required && calibrated
				? recent.get(settings.required() - 1).plus(settings.renewAfter()) : null;
		return new Status(rubricId, required, Math.min(recent.size(), settings.required()), settings.required(),
				calibrated, dueAgainAt);
	}

	/** Every rubric's status for the reviewer, for the rubrics that have gold submissions. */
	public List<Status> statusOf(String reviewerId) {
		return jdbc.sql("select distinct rubric_id from gold_submission where retired_at is null order by 1")
			.query(String.class)
			.list()
			.stream()
			.map(rubricId -> status(reviewerId, rubricId))
			.toList();
	}

	/** @throws ReviewRejectedException when the reviewer must calibrate on the rubric first */
	public void requireCalibrated(String reviewerId, String rubricId) {
		Status status = status(reviewerId, rubricId);
		if (!status.calibrated()) {
			throw new ReviewRejectedException("Calibrate first: score " + (status.needed() - status.done())
					+ " more reference submission(s) of the rubric '" + rubricId
					+ "' at /review/calibration, then you can review with it");
		}
	}

	/**
	 * The next gold submission of the rubric for the reviewer: never their own work, never one they reviewed for
	 * real, and none they scored within the renewal period.
	 */
	public Optional<Gold> next(String reviewerId, String rubricId) {
		return jdbc.sql("""
				select * from gold_submission g
				where g.rubric_id = ? and g.retired_at is null and g.learner_id <> ?
				  and not exists (select 1 from review r where r.process_instance_id = g.process_instance_id and r.reviewer_id = ?)
				  and not exists (select 1 from calibration_score c where c.process_instance_id = g.process_instance_id
				                  and c.reviewer_id = ? and c.scored_at >= ?)
				order by g.marked_at limit 1
				""").params(rubricId, reviewerId, reviewerId, reviewerId, Timestamp.from(renewalStart()))
			.query(this::goldRow)
			.optional();
	}

	/** A calibration, with the reference beside it, so that the reviewer sees where they differ. */
	public record Result(String processInstanceId, Map<String, Integer> points, double score,
			Map<String, Integer> referencePoints, double referenceScore, double accuracy) {
	}

	/**
	 * Scores a gold submission for calibration.
	 * @throws ReviewRejectedException when it is not gold, is the reviewer's own, or was scored by them lately
	 * @throws InvalidScoreException when the points do not fit the rubric
	 */
	@Transactional
	public Result score(String reviewerId, String processInstanceId, Map<String, Integer> points) {
		Gold gold = gold(processInstanceId)
			.orElseThrow(() -> new ReviewRejectedException("The submission " + processInstanceId + " is not a gold submission"));
		if (!offered(reviewerId, gold)) {
			throw new ReviewRejectedException("This gold submission is not offered to you now: it is your own, you "
					+ "reviewed it, or you scored it within " + settings.renewAfter().toDays() + " days");
		}
		Rubric rubric = rubric(gold.rubricId());
		RubricScore score = rubric.score(points == null ? Map.of() : points);
		double accuracy = accuracy(rubric, score.points(), gold.referencePoints());
		jdbc.sql("""
				insert into calibration_score (id, reviewer_id, process_instance_id, rubric_id, points, score, accuracy)
				values (?, ?, ?, ?, ?::jsonb, ?, ?)
				""").params(UUID.randomUUID(), reviewerId, processInstanceId, gold.rubricId(), toJson(score.points()),
				score.score(), accuracy).update();
		return new Result(processInstanceId, score.points(), score.score(), gold.referencePoints(), gold.referenceScore(),
				accuracy);
	}

	/**
	 * How close a score is to the reference: 1 minus the weighted distance per criterion, each distance a share of the
	 * criterion's range. Exactly the reference is 1; the opposite end on every criterion is 0.
	 */
	static double accuracy(Rubric rubric, Map<String, Integer> points, Map<String, Integer> reference) {
		double distance = 0;
		for (Rubric.Criterion criterion : rubric.criteria()) {
			int low = criterion.levels().stream().mapToInt(Rubric.Level::points).min().orElse(0);
			int range = Math.max(1, criterion.maxPoints() - low);
			Integer given = points.get(criterion.id());
			Integer expected = reference.get(criterion.id());
			if (given != null && expected != null) {
				distance += criterion.weight() * Math.abs(given - expected) / range;
			}
		}
		return Math.max(0, Math.min(1, 1 - distance));
	}

	/** A reviewer's weight in Proof: the mean accuracy of their latest calibrations; 1 before any. */
	public double weightOf(String reviewerId) {
		return jdbc.sql("""
				select avg(accuracy) from (select accuracy from calibration_score where reviewer_id = ?
				                           order by scored_at desc limit ?) latest
				""").params(reviewerId, WEIGHT_WINDOW).query(Double.class).optional().orElse(1.0);
	}

	/** A reviewer's calibration record, for admins. */
	public record ReviewerWeight(String reviewerId, int calibrations, double weight, Instant lastCalibratedAt) {
	}

	public List<ReviewerWeight> reviewers() {
		return jdbc.sql("""
				select reviewer_id, count(*) as calibrations, max(scored_at) as last_at from calibration_score
				group by reviewer_id order by reviewer_id
				""").query((rs, row) -> new ReviewerWeight(rs.getString("reviewer_id"), rs.getInt("calibrations"),
						weightOf(rs.getString("reviewer_id")), rs.getTimestamp("last_at").toInstant()))
			.list();
	}

	/**
	 * The agreement on one criterion of one rubric: Krippendorff's alpha (interval) over its gold submissions, each
	 * reviewer's latest score of each and the admin's reference as ratings of that submission.
	 *
	 * @param flagged the raters agree too little to rely on the criterion (alpha below 0.667)
	 */
	public record CriterionAgreement(String rubricId, String criterionId, String title, Double alpha, int submissions,
			int ratings, boolean flagged) {
	}

	public List<CriterionAgreement> agreement() {
		Map<String, List<Gold>> goldsByRubric = new LinkedHashMap<>();
		jdbc.sql("select * from gold_submission order by rubric_id, marked_at").query(this::goldRow).list()
			.forEach(gold -> goldsByRubric.computeIfAbsent(gold.rubricId(), id -> new ArrayList<>()).add(gold));
		List<CriterionAgreement> result = new ArrayList<>();
		goldsByRubric.forEach((rubricId, golds) -> {
			Optional<Rubric> rubric = rubrics.find(rubricId);
			if (rubric.isEmpty()) {
				return;
			}
			Map<String, List<Map<String, Integer>>> ratings = new LinkedHashMap<>();
			for (Gold gold : golds) {
				List<Map<String, Integer>> of = new ArrayList<>();
				of.add(gold.referencePoints());
				of.addAll(latestScoresOf(gold.processInstanceId()));
				ratings.put(gold.processInstanceId(), of);
			}
			for (Rubric.Criterion criterion : rubric.get().criteria()) {
				List<List<Double>> units = ratings.values().stream()
					.map(scores -> scores.stream()
						.map(points -> points.get(criterion.id()))
						.filter(value -> value != null)
						.map(Integer::doubleValue)
						.toList())
					.toList();
				var alpha = KrippendorffAlpha.of(units, KrippendorffAlpha.Metric.INTERVAL);
				boolean measured = !Double.isNaN(alpha.alpha());
				result.add(new CriterionAgreement(rubricId, criterion.id(), criterion.title(),
						measured ? Math.round(alpha.alpha() * 1000) / 1000.0 : null, alpha.units(), alpha.values(),
						measured && alpha.alpha() < KrippendorffAlpha.TENTATIVE));
			}
		});
		return result;
	}

	private List<Map<String, Integer>> latestScoresOf(String processInstanceId) {
		return jdbc.sql("""
				select distinct on (reviewer_id) points from calibration_score
				where process_instance_id = ? order by reviewer_id, scored_at desc
				""").param(processInstanceId).query((rs, row) -> points(rs.getString("points"))).list();
	}

	private boolean offered(String reviewerId, Gold gold) {
		return jdbc.sql("""
				select count(*) from calibration_score where reviewer_id = ? and process_instance_id = ? and scored_at >= ?
				""").params(reviewerId, gold.processInstanceId(), Timestamp.from(renewalStart())).query(Integer.class)
			.single() == 0 && !gold.learnerId().equals(reviewerId)
				&& jdbc.sql("select count(*) from review where process_instance_id = ? and reviewer_id = ?")
					.params(gold.processInstanceId(), reviewerId).query(Integer.class).single() == 0;
	}

	private Instant renewalStart() {
		return clock.instant().minus(settings.renewAfter());
	}

	private Optional<Gold> gold(String processInstanceId) {
		return jdbc.sql("select * from gold_submission where process_instance_id = ? and retired_at is null")
			.param(processInstanceId).query(this::goldRow).optional();
	}

	private Gold goldRow(ResultSet rs, int row) throws SQLException {
		return new Gold(rs.getString("process_instance_id"), rs.getString("learner_id"), rs.getString("skill"),
				rs.getString("activity_id"), rs.getString("rubric_id"), points(rs.getString("reference_points")),
				rs.getDouble("reference_score"), rs.getString("marked_by"), rs.getTimestamp("marked_at").toInstant());
	}

	private Rubric rubric(String rubricId) {
		return rubrics.find(rubricId)
			.orElseThrow(() -> new IllegalArgumentException("There is no rubric '" + rubricId + "'; rubrics/ has "
					+ rubrics.rubrics().stream().map(Rubric::id).toList()));
	}

	private String toJson(Map<String, Integer> points) {
		return PointsJson.write(json, points);
	}

	private Map<String, Integer> points(String text) {
		return PointsJson.read(json, text);
	}

}
