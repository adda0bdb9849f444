package dev.provingground.sci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.provingground.notifications.Notifications;
import dev.provingground.platform.RecurringJobs;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily recompute of freshness and tiers for every learner and skill, in set-based statements rather than a loop
 * over rows. Only freshness changes with time, so the stored practice, proof and reliability are reused. A standing
 * stores its SCI as of its last tier decision (reads add today's freshness, {@link FreshnessSql}), so only the
 * standings whose tier changes are written: a few rows a day, not every row.
 * <p>
 * Tiers come from the deployed {@code sci-tier} decision: it is evaluated for a few SCI steps per combination of the
 * other inputs, and every standing is joined to its step. Changes of tier are recorded and the learners told, in the same transaction.
 * <p>
 * Idempotent: freshness counts whole days, so a second run on the same day computes the same values and finds no
 * tier left to change. An advisory lock makes runs on two nodes take turns.
 */
@Component
public class FreshnessDecay {

	private static final Logger log = LoggerFactory.getLogger(FreshnessDecay.class);

	/** The stored figures that the decision reads besides the SCI, in {@link SkillFigures}' order. */
	private static final String FIGURES = "checks_passed, rubric_passed, reviewed_passes, pass_reviewers, pass_concepts, "
			+ "activities, qualified_endorsers";

	/** The advisory lock's key: any constant that no other feature uses. */
	private static final long LOCK = 0x5C1DECA7L;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final TierDecision decision;

	private final Notifications notifications;

	private final SciParameters parameters;

	FreshnessDecay(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, TierDecision decision,
			Notifications notifications, SciParameters parameters) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
		this.decision = decision;
		this.notifications = notifications;
		this.parameters = parameters;
	}

	/**
	 * @param tierSteps the steps of the decision that the standings were joined to
	 * @param tierChanges standings whose tier changed (nearly always demotions), the only rows written
	 */
	public record Result(int tierSteps, int tierChanges) {
	}

	/** Recomputes every standing as of {@code asOf}. */
	public Result recompute(Instant asOf) {
		return transactions.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, row) -> 1).single();
			// The tier is a step function of the SCI for each combination of the other inputs: decide the steps
			// once per combination, then join every standing to its step.
			List<SkillFigures> combinations = jdbc.sql("select distinct " + FIGURES + """
					 from learner_skill where newest_evidence_at is not null
					""")
				.query((rs, row) -> new SkillFigures(0, rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4),
						rs.getInt(5), rs.getInt(6), rs.getInt(7)))
				.list();
			jdbc.sql("""
					create temp table tier_step (checks_passed boolean, rubric_passed boolean, reviewed_passes integer,
					                             pass_reviewers integer, pass_concepts integer, activities integer,
					                             qualified_endorsers integer, sci_from numeric(5, 2), from_included boolean,
					                             sci_to numeric(5, 2), to_included boolean, tier text) on commit drop
					""").update();
			List<Object[]> rows = new ArrayList<>();
			for (SkillFigures combination : combinations) {
				for (var step : decision.segments(combination)) {
					rows.add(new Object[] { combination.checksPassed(), combination.rubricPassed(),
							combination.reviewedPasses(), combination.passReviewers(), combination.passConcepts(),
							combination.activities(), combination.qualifiedEndorsers(), step.from(), step.fromIncluded(),
							step.to(), step.toIncluded(), step.tier().name() });
				}
			}
			batches.batchUpdate("insert into tier_step values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
			jdbc.sql("analyze tier_step").update();
			// One pass: recompute every standing, join it to its tier step, and write only the tiers that change.
			List<TierChange> changes = FreshnessSql.bind(jdbc.sql("""
					with recomputed as (
					    select s.learner_id, s.skill, s.tier as old_tier, f.freshness_new,
					           s.practice + s.proof + s.reliability + f.freshness_new as sci_new,
					           s.checks_passed, s.rubric_passed, s.reviewed_passes, s.pass_reviewers, s.pass_concepts,
					           s.activities, s.qualified_endorsers
					    from learner_skill s, lateral (select %s as freshness_new) f
					    where s.newest_evidence_at is not null),
					decided as (
					    select r.*, t.tier as new_tier
					    from recomputed r join tier_step t
					      on t.checks_passed = r.checks_passed and t.rubric_passed = r.rubric_passed
					     and t.reviewed_passes = r.reviewed_passes and t.pass_reviewers = r.pass_reviewers
					     and t.pass_concepts = r.pass_concepts and t.activities = r.activities
					     and t.qualified_endorsers = r.qualified_endorsers
					     and r.sci_new between t.sci_from and t.sci_to
					     and (t.from_included or r.sci_new > t.sci_from) and (t.to_included or r.sci_new < t.sci_to)),
					updated as (
					    update learner_skill s
					    set freshness = d.freshness_new, sci = d.sci_new, tier = d.new_tier, tier_decided_at = :as_of
					    from decided d
					    where s.learner_id = d.learner_id and s.skill = d.skill and s.tier <> d.new_tier
					    returning d.learner_id, d.skill, d.old_tier, d.new_tier, d.sci_new),
					recorded as (
					    insert into tier_change (learner_id, skill, from_tier, to_tier, reason, changed_at)
					    select learner_id, skill, old_tier, new_tier, :reason, :as_of from updated where new_tier <> old_tier)
					select * from updated
					""".formatted(FreshnessSql.POINTS)), parameters, asOf)
				.param("reason", TierChanges.REASON_DECAY)
				.query((rs, row) -> new TierChange(rs.getString(1), rs.getString(2), Tier.valueOf(rs.getString(3)),
						Tier.valueOf(rs.getString(4)), rs.getDouble(5)))
				.list();
			notifications.sendAll(changes.stream()
				.map(change -> new Notifications.Message(change.learnerId(),
						change.to().level() < change.from().level() ? TierChanges.DEMOTED : TierChanges.PROMOTED,
						TierChanges.message(change.skill(), change.from(), change.to(), change.sci(),
								TierChanges.REASON_DECAY)))
				.toList());
			return new Result(rows.size(), changes.size());
		});
	}

	private record TierChange(String learnerId, String skill, Tier from, Tier to, double sci) {
	}

	@DisallowConcurrentExecution
	static class DecayJob implements Job {

		private final FreshnessDecay decay;

		DecayJob(FreshnessDecay decay) {
			this.decay = decay;
		}

		@Override
		public void execute(JobExecutionContext context) {
			Result result = decay.recompute(Instant.now());
			log.info("Freshness decay: {} tier changes ({} tier steps)", result.tierChanges(), result.tierSteps());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		JobDetail freshnessDecayJob() {
			return RecurringJobs.job("freshness-decay", DecayJob.class);
		}

		@Bean
		Trigger freshnessDecayTrigger(JobDetail freshnessDecayJob,
				@Value("${provingground.sci.decay-cron:0 30 3 * * ?}") String cron) {
			return RecurringJobs.cron(cron, freshnessDecayJob);
		}

	}

}
