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
	SciModelRedecision redecision;

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

	/**
	 * A change of the SCI model decides every standing again, once: a tier decided under the old rules (one reviewed
	 * activity made Verified) is lowered, the change recorded with its reason and the learner told; an activity of a
	 * test package recorded before stops counting. A second run changes nothing.
	 */
	@Test
	void aModelChangeDecidesEveryStandingAgainOnce() {
		String oneActivity = "old-model-" + UUID.randomUUID();
		String testPackageOnly = "old-test-package-" + UUID.randomUUID();
		standings.recordActivity(new FinishedActivity(oneActivity + "-run", oneActivity, "system-design",
				"scenario-01-diagnosing-failures", true, Instant.now(), 1.0, 0.9, true, true, java.util.Set.of("eve"),
				1.0, java.util.Set.of("Connection Pooling")));
		standings.recordActivity(new FinishedActivity(testPackageOnly + "-run", testPackageOnly, "system-design",
				"item-lookup", true, Instant.now(), 1.0, 0.9, true, true, java.util.Set.of("eve"), 1.0,
				java.util.Set.of("Database Indexes")));
		jdbc.sql("update sci_activity set counts = true where learner_id = ?").param(testPackageOnly).update();
		for (String learner : java.util.List.of(oneActivity, testPackageOnly)) {
			jdbc.sql("insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at) values (?, 'system-design', 'VERIFIED', 65.2, now())")
				.param(learner)
				.update();
		}
		jdbc.sql("delete from sci_model_redecision").update(); // as before the model changed

		SciModelRedecision.Result result = redecision.redecideAll();

		assertThat(result.done()).isFalse();
		assertThat(result.excludedActivities()).isGreaterThanOrEqualTo(1);
		assertThat(standings.tierOf(oneActivity, "system-design")).contains(Tier.PRACTICED);
		assertThat(standings.tierOf(testPackageOnly, "system-design")).as("its only activity no longer counts")
			.contains(Tier.CLAIMED);
		assertThat(jdbc.sql("select counts from sci_activity where learner_id = ?").param(testPackageOnly)
			.query(Boolean.class).single()).isFalse();
		for (String learner : java.util.List.of(oneActivity, testPackageOnly)) {
			assertThat(jdbc.sql("select reason from tier_change where learner_id = ?").param(learner)
				.query(String.class).list()).containsExactly("model-change");
			assertThat(jdbc.sql("select message from notification where recipient = ?").param(learner)
				.query(String.class).single()).startsWith("Your tier in system-design went down from Verified to")
				.contains("because the platform now asks for more evidence");
		}
		assertThat(jdbc.sql("select standings from sci_model_redecision").query(Integer.class).single())
			.isEqualTo(result.standings());

		assertThat(redecision.redecideAll().done()).as("once per model").isTrue();
		assertThat(changes(oneActivity)).isEqualTo(1);
	}

	private void standing(String learner, double sci, Instant newestEvidence) {
		jdbc.sql("""
				insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at, practice, proof, reliability,
				                           freshness, checks_passed, rubric_passed, reviewed_passes, pass_reviewers,
				                           pass_concepts, activities, qualified_endorsers, newest_evidence_at)
				values (?, 'system-design', 'VERIFIED', ?, now(), 10, 30, 10, 15, true, true, 2, 2, 2, 2, 0, ?)
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
