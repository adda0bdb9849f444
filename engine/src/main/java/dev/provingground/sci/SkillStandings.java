package dev.provingground.sci;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.provingground.notifications.Notifications;
import dev.provingground.platform.YamlFields;
import dev.provingground.sci.SciCalculator.Activity;
import dev.provingground.sci.SciCalculator.Component;
import dev.provingground.sci.SciCalculator.SciBreakdown;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each learner's standing per skill: the activities and endorsements behind it, the SCI computed from them, and the
 * tier. The SCI's components are stored with the tier, so that the daily decay can recompute freshness in SQL.
 */
@Service
public class SkillStandings {

	private static final Pattern SKILL_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");

	/** The longest endorsement comment. */
	public static final int MAX_COMMENT = 2000;

	private final JdbcClient jdbc;

	private final SciCalculator calculator;

	private final SciParameters parameters;

	private final Notifications notifications;

	private final TestPackages testPackages;

	private final Clock clock;

	SkillStandings(JdbcClient jdbc, SciCalculator calculator, SciParameters parameters, Notifications notifications,
			TestPackages testPackages, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.testPackages = testPackages;
		this.calculator = calculator;
		this.parameters = parameters;
		this.notifications = notifications;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * Records a finished activity. Recording the same activity again changes nothing (a retried job). An activity of
	 * a test package is kept, but never counts.
	 */
	@Transactional
	public void recordActivity(FinishedActivity activity) {
		requireValid(activity.learnerId(), activity.skill());
		jdbc.sql("""
				insert into sci_activity (id, learner_id, skill, activity, completed, completed_at, check_score,
				                          rubric_score, checks_passed, rubric_passed, reviewers, rubric_weight, concepts,
				                          counts)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do nothing
				""")
			.params(activity.id(), activity.learnerId(), activity.skill(), activity.activity(), activity.completed(),
					Timestamp.from(activity.completedAt()), activity.checkScore(), activity.rubricScore(),
					activity.checksPassed(), activity.rubricPassed(), activity.reviewers().stream().sorted().toArray(String[]::new),
					activity.rubricWeight(), activity.concepts().stream().sorted().toArray(String[]::new),
					!testPackages.ids().contains(activity.activity()))
			.update();
	}

	/**
	 * Records an endorsement. It counts towards the Peer-endorsed tier only when the endorser holds tier 3 or above in
	 * the skill now; it is recorded either way, so the learner sees it.
	 * @throws IllegalArgumentException for a self-endorsement, a missing comment, or a second endorsement for the same
	 * activity
	 */
	@Transactional
	public Endorsement endorse(String learnerId, String skill, String endorserId, String comment,
			String processInstanceId) {
		requireValid(learnerId, skill);
		if (endorserId == null || endorserId.isBlank()) {
			throw new IllegalArgumentException("An endorsement needs an endorser");
		}
		if (endorserId.equals(learnerId)) {
			throw new IllegalArgumentException("Learners cannot endorse themselves");
		}
		if (comment == null || comment.isBlank() || comment.length() > MAX_COMMENT) {
			throw new IllegalArgumentException("An endorsement needs a comment of 1–" + MAX_COMMENT + " characters");
		}
		Tier endorserTier = tierOf(endorserId, skill).orElse(Tier.CLAIMED);
		boolean counts = endorserTier.level() >= Tier.VERIFIED.level();
		int inserted = jdbc.sql("""
				insert into endorsement (id, learner_id, skill, endorser_id, endorser_tier, counts, comment, process_instance_id)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (process_instance_id) do nothing
				""").params(UUID.randomUUID(), learnerId, skill, endorserId, endorserTier.name(), counts, comment.strip(),
				processInstanceId).update();
		if (inserted == 0) {
			throw new IllegalArgumentException("This activity was already endorsed");
		}
		return endorsementsOf(learnerId, skill).stream()
			.filter(endorsement -> endorsement.processInstanceId().equals(processInstanceId))
			.findFirst()
			.orElseThrow();
	}

	public List<Endorsement> endorsementsOf(String learnerId, String skill) {
		return jdbc.sql("select * from endorsement where learner_id = ? and skill = ? order by endorsed_at desc")
			.params(learnerId, skill)
			.query(SkillStandings::endorsement)
			.list();
	}

	static Endorsement endorsement(ResultSet rs, int row) throws SQLException {
		boolean held = rs.getBoolean("held");
		return new Endorsement(rs.getObject("id", UUID.class), rs.getString("learner_id"), rs.getString("skill"),
				rs.getString("endorser_id"), Tier.valueOf(rs.getString("endorser_tier")), rs.getBoolean("counts") && !held,
				rs.getString("comment"), rs.getString("process_instance_id"), rs.getTimestamp("endorsed_at").toInstant(),
				held, rs.getString("held_reason"));
	}

	/** The figures the tier decision reads, computed now from the learner's activities and endorsements. */
	public SkillFigures figuresOf(String learnerId, String skill) {
		requireValid(learnerId, skill);
		return current(learnerId, skill).figures();
	}

	/**
	 * Stores the tier that the {@code sci-tier} decision chose, with the SCI's components as of now. A change of tier
	 * is recorded and the learner is told.
	 */
	@Transactional
	public void recordTier(String learnerId, String skill, Tier tier) {
		requireValid(learnerId, skill);
		write(learnerId, skill, current(learnerId, skill), tier, TierChanges.REASON_ACTIVITY);
	}

	/**
	 * Decides the tier again with the deployed decision, from the figures as of now, and stores it.
	 * @return whether the tier changed
	 */
	boolean decideAgain(String learnerId, String skill, TierDecision decision, String reason) {
		requireValid(learnerId, skill);
		Computed standing = current(learnerId, skill);
		return write(learnerId, skill, standing, decision.decide(standing.figures()), reason);
	}

	/** Stores the standing with its tier; a change of tier is recorded with its reason and the learner is told. */
	private boolean write(String learnerId, String skill, Computed standing, Tier tier, String reason) {
		SkillFigures figures = standing.figures();
		Optional<Tier> before = jdbc.sql("select tier from learner_skill where learner_id = ? and skill = ? for update")
			.params(learnerId, skill)
			.query((rs, row) -> Tier.valueOf(rs.getString("tier")))
			.optional();
		jdbc.sql("""
				insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at, practice, proof, reliability,
				                           freshness, checks_passed, rubric_passed, reviewed_passes, pass_reviewers,
				                           pass_concepts, activities, qualified_endorsers, newest_evidence_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (learner_id, skill) do update
				set tier = excluded.tier, sci = excluded.sci, tier_decided_at = excluded.tier_decided_at,
				    practice = excluded.practice, proof = excluded.proof, reliability = excluded.reliability,
				    freshness = excluded.freshness, checks_passed = excluded.checks_passed,
				    rubric_passed = excluded.rubric_passed, reviewed_passes = excluded.reviewed_passes,
				    pass_reviewers = excluded.pass_reviewers, pass_concepts = excluded.pass_concepts,
				    activities = excluded.activities, qualified_endorsers = excluded.qualified_endorsers,
				    newest_evidence_at = excluded.newest_evidence_at
				""")
			.params(learnerId, skill, tier.name(), figures.sci(), Timestamp.from(clock.instant()),
					standing.practice(), standing.proof(), standing.reliability(), standing.freshness(),
					figures.checksPassed(), figures.rubricPassed(), figures.reviewedPasses(), figures.passReviewers(),
					figures.passConcepts(), figures.activities(), figures.qualifiedEndorsers(),
					standing.newestEvidenceAt() == null ? null : Timestamp.from(standing.newestEvidenceAt()))
			.update();
		if (before.isPresent() && before.get() != tier) {
			boolean demoted = tier.level() < before.get().level();
			jdbc.sql("insert into tier_change (learner_id, skill, from_tier, to_tier, reason) values (?, ?, ?, ?, ?)")
				.params(learnerId, skill, before.get().name(), tier.name(), reason)
				.update();
			notifications.send(learnerId, demoted ? TierChanges.DEMOTED : TierChanges.PROMOTED,
					TierChanges.message(skill, before.get(), tier, standing.figures().sci(), reason));
			return true;
		}
		return false;
	}

	public Optional<Tier> tierOf(String learnerId, String skill) {
		return jdbc.sql("select tier from learner_skill where learner_id = ? and skill = ?")
			.params(learnerId, skill)
			.query((rs, row) -> Tier.valueOf(rs.getString("tier")))
			.optional();
	}

	/** The stored standing of a learner in each skill they have one in. */
	public List<Standing> standingsOf(String learnerId) {
		return FreshnessSql.bind(jdbc.sql("""
				select s.*, coalesce(f.points, 0) as freshness_now from learner_skill s,
				       lateral (select case when s.newest_evidence_at is null then null else %s end as points) f
				where s.learner_id = :learner order by s.skill
				""".formatted(FreshnessSql.POINTS)), parameters, clock.instant())
			.param("learner", learnerId)
			.query((rs, row) -> {
				double freshness = rs.getDouble("freshness_now");
				double sci = round(rs.getDouble("practice") + rs.getDouble("proof") + rs.getDouble("reliability") + freshness);
				return new Standing(rs.getString("skill"), Tier.valueOf(rs.getString("tier")), sci,
						rs.getDouble("practice"), rs.getDouble("proof"), rs.getDouble("reliability"), freshness,
						rs.getTimestamp("tier_decided_at").toInstant());
			})
			.list();
	}

	/**
	 * A learner's standing in one skill today: the tier last decided (by an activity or the daily decay), and the SCI
	 * with today's freshness.
	 */
	public record Standing(String skill, Tier tier, double sci, double practice, double proof, double reliability,
			double freshness, Instant tierDecidedAt) {
	}

	/** Which evidence contributed how much to each component, computed now. */
	public SciExplanation explain(String learnerId, String skill) {
		requireValid(learnerId, skill);
		Computed standing = current(learnerId, skill);
		SciBreakdown sci = standing.breakdown();
		return new SciExplanation(learnerId, skill, standing.figures().sci(), tierOf(learnerId, skill).orElse(null),
				standing.figures(),
				List.of(part("practice", sci.practice(), parameters.practiceMax(), standing,
						"max × (1 − e^(−A / " + YamlFields.format(parameters.practiceScale())
								+ ")), A = distinct activities completed"),
						part("proof", sci.proof(), parameters.proofMax(), standing, proofFormula()),
						part("reliability", sci.reliability(), parameters.reliabilityMax(), standing,
								"max × min(R, " + parameters.reviewersForFull() + ") / " + parameters.reviewersForFull()
										+ " × (1 − min(1, " + YamlFields.format(parameters.spreadFactor())
										+ " × σ)), R = distinct reviewers, σ = spread of activity scores"
										+ (parameters.scoredActivitiesForSpread() > 1 ? "; 0 while fewer than "
												+ parameters.scoredActivitiesForSpread()
												+ " activities are scored, as σ is unknown" : "")),
						part("freshness", sci.freshness(), parameters.freshnessMax(), standing,
								"max × 2^(−d / " + YamlFields.format(parameters.halfLifeDays())
										+ "), d = whole days since the newest evidence")));
	}

	private String proofFormula() {
		String recent = "the " + parameters.proofRecentActivities() + " most recent scored activities";
		String score = "; a score is the mean of its check and rubric scores";
		if (parameters.proofPriorWeight() == 0) {
			return "max × mean score of " + recent + score;
		}
		return "max × (Σ w × score + " + YamlFields.format(parameters.proofPriorWeight()) + " × "
				+ YamlFields.format(parameters.proofPriorMean()) + ") / (Σ w + "
				+ YamlFields.format(parameters.proofPriorWeight()) + ") over " + recent
				+ ": their mean shrunk towards a prior of " + YamlFields.format(parameters.proofPriorWeight())
				+ " pseudo-activities scoring " + YamlFields.format(parameters.proofPriorMean()) + score;
	}

	private SciExplanation.Part part(String name, Component component, double max, Computed standing, String formula) {
		return new SciExplanation.Part(name, round(component.points()), max, formula,
				component.contributions()
					.stream()
					.map(c -> new SciExplanation.Source(c.source(), standing.activityOf().get(c.source()), c.points()))
					.toList());
	}

	/** The standing computed now from the stored activities and endorsements. */
	private Computed current(String learnerId, String skill) {
		List<FinishedActivity> stored = jdbc.sql("select * from sci_activity where learner_id = ? and skill = ? and counts")
			.params(learnerId, skill)
			.query(SkillStandings::finished)
			.list();
		List<Activity> activities = stored.stream().map(FinishedActivity::scored).toList();
		int endorsers = jdbc.sql("select count(distinct endorser_id) from endorsement where learner_id = ? and skill = ? and counts and not held")
			.params(learnerId, skill)
			.query(Integer.class)
			.single();
		SciBreakdown breakdown = calculator.compute(activities, clock.instant());
		double practice = round(breakdown.practice().points());
		double proof = round(breakdown.proof().points());
		double reliability = round(breakdown.reliability().points());
		double freshness = round(breakdown.freshness().points());
		double sci = storedSci(breakdown);
		Instant newest = activities.stream().map(Activity::completedAt).max(Instant::compareTo).orElse(null);
		Map<String, String> activityOf = new java.util.HashMap<>();
		activities.forEach(a -> activityOf.put(a.id(), a.activity()));
		return new Computed(SkillFigures.of(sci, stored, endorsers), breakdown, practice, proof, reliability, freshness,
				newest, activityOf);
	}

	private record Computed(SkillFigures figures, SciBreakdown breakdown, double practice, double proof,
			double reliability, double freshness, Instant newestEvidenceAt, Map<String, String> activityOf) {
	}

	private static FinishedActivity finished(ResultSet rs, int row) throws SQLException {
		return new FinishedActivity(rs.getString("id"), rs.getString("learner_id"), rs.getString("skill"),
				rs.getString("activity"), rs.getBoolean("completed"), rs.getTimestamp("completed_at").toInstant(),
				nullableDouble(rs.getBigDecimal("check_score")), nullableDouble(rs.getBigDecimal("rubric_score")),
				rs.getBoolean("checks_passed"), rs.getBoolean("rubric_passed"), texts(rs.getArray("reviewers")),
				rs.getDouble("rubric_weight"), texts(rs.getArray("concepts")));
	}

	private static Set<String> texts(Array array) throws SQLException {
		return new HashSet<>(Arrays.asList((String[]) array.getArray()));
	}

	private static Double nullableDouble(BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	/** The SCI as stored: the sum of the components, each rounded as stored. */
	static double storedSci(SciBreakdown sci) {
		return round(round(sci.practice().points()) + round(sci.proof().points()) + round(sci.reliability().points())
				+ round(sci.freshness().points()));
	}

	/** Stored figures have two decimals; rounding the same way everywhere keeps the decision and the store in step. */
	static double round(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	static void requireValid(String learnerId, String skill) {
		if (learnerId == null || learnerId.isBlank()) {
			throw new IllegalArgumentException("A learner id is required");
		}
		if (skill == null || !SKILL_ID.matcher(skill).matches()) {
			throw new IllegalArgumentException("A skill id is 2–64 lowercase letters, digits and dashes, such as "
					+ "'system-design'; got '" + skill + "'");
		}
	}

}
