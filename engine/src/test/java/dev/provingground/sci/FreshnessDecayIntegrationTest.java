package dev.provingground.sci;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily decay on the real database, with the deployed sci-tier decision: demotions told, runs idempotent. */
@SpringBootTest
class FreshnessDecayIntegrationTest extends TemporaryDataDirectory {

	private static final Instant AS_OF = Instant.parse("2026-11-23T03:30:00Z");

	@Autowired
	FreshnessDecay decay;

	@Autowired
	SkillStandings standings;

	@Autowired
	JdbcClient jdbc;

	@Test
	void staleEvidenceDemotesAndTheLearnerIsToldOnceHoweverOftenItRuns() throws Exception {
		String stale = "stale-" + UUID.randomUUID();
		String fresh = "fresh-" + UUID.randomUUID();
		standing(stale, 65.00, AS_OF.minus(Duration.ofDays(120)));
		standing(fresh, 65.00, AS_OF.minus(Duration.ofHours(30)));

		decay.recompute(AS_OF);

		var demoted = stored(stale);
		assertThat(demoted.get("freshness")).isEqualTo("5.95"); // 15 × 2^(−120/90), as of the decay
		assertThat(demoted.get("sci")).isEqualTo("55.95");
		assertThat(demoted.get("tier")).isEqualTo("PRACTICED");
		assertThat(standings.standingsOf(stale).get(0).tier()).isEqualTo(Tier.PRACTICED);
		// 30 hours is one whole day: SCI 64.88 stays Verified, and a standing whose tier holds is not written
		assertThat(stored(fresh).get("tier")).isEqualTo("VERIFIED");
		assertThat(stored(fresh).get("sci")).as("an unchanged tier is not rewritten").isEqualTo("65.00");
		assertThat(changes(fresh)).isZero();
		assertThat(changes(stale)).isEqualTo(1);
		assertThat(notices(stale)).isEqualTo(1);
		assertThat(jdbc.sql("select message from notification where recipient = ?").param(stale).query(String.class)
			.single()).startsWith("Your tier in system-design went down from Verified to Practiced: your SCI is now 55.95");

		// Again, and on two nodes at once: the same state, and nobody is told twice.
		var first = CompletableFuture.supplyAsync(() -> decay.recompute(AS_OF));
		var second = CompletableFuture.supplyAsync(() -> decay.recompute(AS_OF));
		first.get();
		second.get();
		assertThat(stored(stale)).isEqualTo(demoted);
		assertThat(changes(stale)).isEqualTo(1);
		assertThat(notices(stale)).isEqualTo(1);
	}

	/**
	 * The breadth figures the tier decision can ask for: reviewed passes, their distinct reviewers and concepts (an
	 * activity that names none is a concept of its own), and the distinct activities completed. They are stored with
	 * the tier, so that the decay decides with them too.
	 */
	@Test
	void figuresCountReviewedPassesTheirReviewersAndConcepts() {
		String learner = "breadth-" + UUID.randomUUID();
		Instant now = Instant.now();
		standings.recordActivity(new FinishedActivity(learner + "-1", learner, "system-design", "scenario-a", true,
				now.minus(Duration.ofDays(3)), 1.0, 0.8, true, true, java.util.Set.of("eve"), 1.0,
				java.util.Set.of("Indexes", "Query Planning")));
		standings.recordActivity(new FinishedActivity(learner + "-2", learner, "system-design", "scenario-a", true,
				now.minus(Duration.ofDays(2)), 1.0, 0.7, true, true, java.util.Set.of("eve"), 1.0,
				java.util.Set.of("Indexes")));
		standings.recordActivity(new FinishedActivity(learner + "-3", learner, "system-design", "scenario-b", true,
				now.minus(Duration.ofDays(1)), 1.0, 0.4, true, false, java.util.Set.of("max"), 1.0,
				java.util.Set.of("Pooling")));
		standings.recordActivity(new FinishedActivity(learner + "-4", learner, "system-design", "project-x", true,
				now, null, 0.9, false, true, java.util.Set.of("zoe"), 1.0, java.util.Set.of()));

		SkillFigures figures = standings.figuresOf(learner, "system-design");

		assertThat(figures.reviewedPasses()).isEqualTo(3);
		assertThat(figures.passReviewers()).as("eve twice, zoe; max's review did not pass").isEqualTo(2);
		assertThat(figures.passConcepts()).as("Indexes, Query Planning, and project-x as its own").isEqualTo(3);
		assertThat(figures.activities()).as("scenario-a twice is one").isEqualTo(3);
		assertThat(figures.decisionInputs()).containsEntry("reviewedPasses", 3).containsEntry("passReviewers", 2)
			.containsEntry("passConcepts", 3).containsEntry("activities", 3);

		standings.recordTier(learner, "system-design", Tier.PRACTICED);
		assertThat(jdbc.sql("select reviewed_passes, pass_reviewers, pass_concepts, activities from learner_skill where learner_id = ?")
			.param(learner)
			.query((rs, row) -> java.util.List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
			.single()).containsExactly(3, 2, 3, 3);
	}

	private void standing(String learner, double sci, Instant newestEvidence) {
		jdbc.sql("""
				insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at, practice, proof, reliability,
				                           freshness, checks_passed, rubric_passed, qualified_endorsers, newest_evidence_at)
				values (?, 'system-design', 'VERIFIED', ?, now(), 10, 30, 10, 15, true, true, 0, ?)
				""").params(learner, sci, Timestamp.from(newestEvidence)).update();
	}

	private java.util.Map<String, String> stored(String learner) {
		return jdbc.sql("select tier, sci::text, freshness::text, tier_decided_at::text from learner_skill where learner_id = ?")
			.param(learner)
			.query((rs, row) -> java.util.Map.of("tier", rs.getString(1), "sci", rs.getString(2), "freshness",
					rs.getString(3), "decided", rs.getString(4)))
			.single();
	}

	private int changes(String learner) {
		return jdbc.sql("select count(*) from tier_change where learner_id = ?").param(learner).query(Integer.class).single();
	}

	private int notices(String learner) {
		return jdbc.sql("select count(*) from notification where recipient = ?").param(learner).query(Integer.class).single();
	}

}
