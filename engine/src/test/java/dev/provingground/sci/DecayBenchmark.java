package dev.provingground.sci;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.provingground.platform.BenchmarkApplication;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * bench/run decay: the daily recompute of freshness and tiers over ROWS learner-skill rows (default 1,000,000), on the
 * real database with the deployed decision. Each run is a day later than the one before, so every run recomputes
 * every row's freshness, SCI and tier, as the daily job does.
 * Prints one JSON line: the median of RUNS runs (default 3).
 */
public final class DecayBenchmark {

	public static void main(String[] args) {
		int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		try (var context = BenchmarkApplication.start(List.of(), "--camunda.bpm.job-execution.enabled=false")) {
			var jdbc = context.getBean(JdbcClient.class);
			var decay = context.getBean(FreshnessDecay.class);
			Instant base = Instant.now();
			// Learners with evidence from the last year; components spread so that tiers sit on both sides of the
			// thresholds, and consistent with their freshness a day before the first run.
			jdbc.sql("""
					insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at, practice, proof, reliability,
					                           freshness, checks_passed, rubric_passed, qualified_endorsers, newest_evidence_at)
					select 'learner-' || g, 'skill-' || (g % 7), 'VERIFIED', 0, now(),
					       round((5 + (g % 21))::numeric, 2), round((20 + (g % 2001) / 100.0)::numeric, 2),
					       round(((g % 667) / 33.35)::numeric, 2), 15, g % 3 <> 0, g % 2 = 0, g % 4,
					       cast(:base as timestamptz) - make_interval(days => (g % 365))
					from generate_series(1, :rows) g
					""").param("base", java.sql.Timestamp.from(base)).param("rows", rows).update();
			jdbc.sql("analyze learner_skill").update();
			decay.recompute(base); // brings the stored SCI and tiers in line with the data, as yesterday's run would have
			List<Double> seconds = new ArrayList<>();
			FreshnessDecay.Result last = null;
			for (int run = 1; run <= runs; run++) {
				long start = System.nanoTime();
				last = decay.recompute(base.plus(Duration.ofDays(run)));
				seconds.add((System.nanoTime() - start) / 1e9);
			}
			List<Double> sorted = seconds.stream().sorted().toList();
			System.out.println(String.format(Locale.ROOT,
					"{\"benchmark\":\"decay\",\"rows\":%d,\"runs\":%d,\"median_s\":%.2f,\"runs_s\":%s,"
							+ "\"tier_changes_last_run\":%d,\"tier_steps\":%d,\"goal_s\":10}",
					rows, runs, sorted.get(sorted.size() / 2), seconds.stream()
						.map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(), last.tierChanges(), last.tierSteps()));
		}
	}

}
