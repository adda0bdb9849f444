package dev.provingground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run backup} while a learner's run is in progress, then {@code ./run restore} into a new data directory: the
 * restored platform has the same users, runs, evidence, standings and signing keys (a credential issued before the
 * backup still verifies), and the run goes on with a new stack, while the original, still running on the same host,
 * keeps its own.
 */
class BackupRestoreIntegrationTest {

	private static final String BACKUP = "dev.provingground.backup.BackupCommand";

	private static final String SKILL = "system-design";

	private final Path root = TemporaryDataDirectory.newDataDirectory();

	private final EmbeddedInstallation original = new EmbeddedInstallation(root.resolve("original"));

	private final EmbeddedInstallation restored = new EmbeddedInstallation(root.resolve("restored"));

	@AfterEach
	void stopBoth() throws Exception {
		original.stop();
		restored.stop();
	}

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void aBackupTakenDuringARunRestoresIntoANewDataDirectory() throws Exception {
		original.start(Duration.ofSeconds(150));
		String run = original.startRun();
		JdbcClient db = original.database();
		db.sql("insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at) values (?, ?, 'VERIFIED', 70, now())")
			.params(EmbeddedInstallation.LEARNER, SKILL)
			.update();
		String jwt = original.call("GET", "/api/passport/" + EmbeddedInstallation.LEARNER + "/credentials/" + SKILL, null, 200)
			.get("jwt")
			.asText();
		Map<String, Object> before = contentOf(db);
		assertThat((Long) before.get("evidence")).as("the baseline's evidence").isPositive();

		Path backup = root.resolve("backup");
		var taken = ClusterNode.run(BACKUP, original.environment(), List.of("backup", backup.toString()));
		assertThat(taken.exitCode()).as(taken.output()).isZero();
		assertThat(taken.output()).contains("online backup");
		assertThat(backup.resolve("opensearch")).as("the index is rebuilt, not restored").doesNotExist();

		var refused = ClusterNode.run(BACKUP, original.environment(), List.of("restore", backup.toString()));
		assertThat(refused.exitCode()).as("a restore over a data directory in use").isEqualTo(1);
		assertThat(refused.output()).contains("is not empty");

		// Restored on the same host while the original still runs: the restored platform must not touch its stack.
		List<Long> originalStack = original.stackDatabaseServers();
		assertThat(originalStack).as("the original's stack database").isNotEmpty();
		var restore = ClusterNode.run(BACKUP, restored.environment(), List.of("restore", backup.toString()));
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		restored.start(Duration.ofSeconds(150));
		assertThat(originalStack).as("the original's stack database, after the restored platform started")
			.allMatch(EmbeddedInstallation::alive);
		original.stop();

		assertThat(contentOf(restored.database())).as("users, runs, evidence and standings").isEqualTo(before);
		JsonNode verdict = restored.call(null, null, "POST", "/api/passport/verify", Map.of("jwt", jwt), 200);
		assertThat(verdict.get("valid").asBoolean()).as("a credential issued before the backup: " + verdict).isTrue();
		assertThat(searchedEvidenceIds(restored)).as("the search index, not in the backup, rebuilt from PostgreSQL")
			.containsExactlyInAnyOrderElementsOf(
					restored.database().sql("select id::text from evidence").query(String.class).list());
		JsonNode state = restored.call("GET", "/api/runs/" + run, null, 200);
		assertThat(state.get("state").asText()).as("the run in progress at the backup").isEqualTo("WORKING");
		restored.fix(run); // the restart brings the run a new stack from its restored workspace
		assertThat(restored.processes()).as("the run's new stack").anyMatch(restored::isStackProcess);
	}

	/** The ids of every evidence item that an admin's search finds, once the index holds as many as the table. */
	private static List<String> searchedEvidenceIds(EmbeddedInstallation installation) throws Exception {
		long recorded = installation.database().sql("select count(*) from evidence").query(Long.class).single();
		java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
		JsonNode page = null;
		while (java.time.Instant.now().isBefore(deadline)) {
			page = installation.call("admin", TemporaryDataDirectory.ADMIN_PASSWORD, "GET", "/api/evidence?size=100", null, -1);
			if (page.path("total").asLong() == recorded) {
				return page.get("hits").findValuesAsText("id");
			}
			Thread.sleep(500);
		}
		throw new AssertionError("search found " + page + " of " + recorded + " evidence items after 60 s");
	}

	/** What the platform's users see of the data, counted and listed. */
	private static Map<String, Object> contentOf(JdbcClient db) {
		return Map.of("users", db.sql("select string_agg(id_, ',' order by id_) from act_id_user").query(String.class).single(),
				"runs", db.sql("select string_agg(id::text || ':' || state, ',' order by id) from scenario_run")
					.query(String.class)
					.single(),
				"evidence", db.sql("select count(*) from evidence").query(Long.class).single(),
				"evidenceHash", db.sql("select md5(string_agg(content_hash, ',' order by id)) from evidence")
					.query(String.class)
					.single(),
				"standings", db.sql("select string_agg(learner_id || '/' || skill || '/' || tier, ',' order by learner_id, skill) "
						+ "from learner_skill").query(String.class).single(),
				"keys", db.sql("select count(*) from passport_signing_key").query(Long.class).single());
	}

}
