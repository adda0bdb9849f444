package dev.provingground.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalInt;

import dev.provingground.platform.PlatformSecrets;

/**
 * Where the embedded PostgreSQL keeps its cluster in a data directory, and how a program beside the platform (the
 * backup command) reaches the server that runs on it: the port from its {@code postmaster.pid}, the superuser's
 * password from the data directory's secrets.
 */
public final class EmbeddedDatabaseFiles {

	private EmbeddedDatabaseFiles() {
	}

	/** The cluster's directory in a data directory. */
	public static Path clusterOf(Path dataDir) {
		return dataDir.resolve("postgres");
	}

	/** The port of the server running on the data directory's cluster; empty when none runs. */
	public static OptionalInt runningPort(Path dataDir) throws IOException {
		Path cluster = clusterOf(dataDir);
		var pidFile = OrphanedPostmaster.PidFile.read(cluster)
			.filter(found -> found.port() != null && ProcessHandle.of(found.pid()).map(ProcessHandle::isAlive).orElse(false)
					&& OrphanedPostmaster.ownerOf(found.pid(), cluster) == OrphanedPostmaster.Owner.THIS_DIRECTORY);
		return pidFile.isPresent() ? OptionalInt.of(pidFile.get().port()) : OptionalInt.empty();
	}

	/** A superuser's connection to a database of the server on this port. */
	public static Connection connect(Path dataDir, int port, String database) throws SQLException {
		String password = new PlatformSecrets(dataDir.resolve("secrets")).get(DatabaseConfiguration.POSTGRES_SECRET, null);
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
				EmbeddedPostgresServer.USER, password);
	}

	/** The platform's own database on the embedded server. */
	public static String platformDatabase() {
		return EmbeddedPostgresServer.DATABASE;
	}

}
