package dev.provingground.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries on the classpath, with its data kept in a directory so that a
 * restart finds everything again. As root, the library runs it under {@code unshare -U}, because PostgreSQL refuses root.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String DATABASE = "provingground";

	static final String USER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	static EmbeddedPostgresServer start(Path dataDirectory) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// Spring stops the server once the pool and the engine are closed; a JVM hook of its own would race them.
				.setRegisterShutdownHook(false)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "200")
				.start();
			var server = new EmbeddedPostgresServer(postgres, dataDirectory);
			server.createDatabaseIfMissing();
			log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {} ({} ms)", postgres.getPort(), dataDirectory,
					(System.nanoTime() - started) / 1_000_000);
			return server;
		}
		catch (IllegalStateException ex) {
			if (String.valueOf(ex.getMessage()).contains("could not lock")) {
				throw new IllegalStateException("The data directory " + dataDirectory + " is in use by another running "
						+ "Proving Ground. Stop it, or set PROVINGGROUND_DATA_DIR to another directory.", ex);
			}
			throw ex;
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL with data in " + dataDirectory + ": "
					+ ex.getMessage(), ex);
		}
	}

	private void createDatabaseIfMissing() throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE);
			if (!exists.executeQuery().next()) {
				try (var create = connection.createStatement()) {
					create.execute("create database " + DATABASE);
				}
			}
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
	}

	int port() {
		return postgres.getPort();
	}

	Path dataDirectory() {
		return dataDirectory;
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}

}
