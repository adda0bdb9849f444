package dev.provingground.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What is left of a crashed server is dealt with safely: never a process that is not this directory's server. */
class OrphanedPostmasterTest {

	@TempDir
	Path cluster;

	@Test
	void aPidNowOfAnotherProgramIsLeftAloneAndItsStaleFileRemoved() throws Exception {
		Process stranger = new ProcessBuilder("sleep", "60").start();
		try {
			Files.writeString(cluster.resolve("postmaster.pid"), stranger.pid() + "\n" + cluster + "\n1700000000\n5432\n");

			assertThat(OrphanedPostmaster.ownerOf(stranger.pid(), cluster)).isEqualTo(OrphanedPostmaster.Owner.SOMEONE_ELSE);
			OrphanedPostmaster.clear(cluster);

			assertThat(stranger.waitFor(500, TimeUnit.MILLISECONDS)).as("the other program was not stopped").isFalse();
			assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
		}
		finally {
			stranger.destroyForcibly();
		}
	}

	@Test
	void aPidThatIsGoneIsLeftToPostgresqlsOwnRecovery() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		Files.writeString(cluster.resolve("postmaster.pid"), gone.pid() + "\n" + cluster + "\n1700000000\n5432\n");

		OrphanedPostmaster.clear(cluster);

		assertThat(cluster.resolve("postmaster.pid")).as("PostgreSQL checks and replaces it itself").exists();
	}

}
