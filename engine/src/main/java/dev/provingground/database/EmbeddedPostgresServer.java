package dev.provingground.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import dev.provingground.platform.ProcessLock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries on the classpath, with its data kept in a directory so that a
 * restart finds everything again. As root, the library runs it under {@code unshare -U}, because PostgreSQL refuses root.
 * Every connection, local ones included, must give the superuser's password ({@code scram-sha-256}): the password is a
 * platform secret that only the platform's user can read, and no line of {@code pg_hba.conf} trusts anyone.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	static final String DATABASE = "provingground";

	static final String USER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	/** What {@code pg_hba.conf} allows: the password, over the socket and over TCP, and nothing else. */
	static final String HBA = """
			# Written by Proving Ground: every connection gives its password; nothing is trusted.
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	private final String password;

	private final ProcessLock lock;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password, ProcessLock lock) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.password = password;
		this.lock = lock;
	}

	/**
	 * @param password the superuser's password; a new cluster is made with it, and one made by an older version (which
	 * trusted local connections) gets it and loses its trust lines on this start
	 * @param synchronousCommit whether a commit waits for its WAL to reach the disk
	 */
	static EmbeddedPostgresServer start(Path dataDirectory, Path passwordFile, String password,
			boolean synchronousCommit) {
		long started = System.nanoTime();
		// Held for as long as this process runs the server: whoever holds it knows that a server still running on the
		// directory was left by a process that died, and may stop it.
		ProcessLock lock = ProcessLock.tryAcquire(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock"))
			.orElseThrow(() -> inUse(dataDirectory, null));
		try {
			Files.createDirectories(dataDirectory);
			OrphanedPostmaster.clear(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// Spring stops the server once the pool and the engine are closed; a JVM hook of its own would race them.
				.setRegisterShutdownHook(false)
				// initdb reads these after the library's own "-A trust", so a new cluster never trusts anyone.
				.setLocaleConfig("auth-local", "scram-sha-256")
				.setLocaleConfig("auth-host", "scram-sha-256")
				.setLocaleConfig("pwfile", passwordFile.toString())
				.setConnectConfig("password", password)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "200")
				.setServerConfig("password_encryption", "scram-sha-256")
				// Durable: the library's test defaults turn fsync off (-F) and commit asynchronously. Options later on
				// the command line win, so these put fsync and full-page writes back, and synchronous commits unless
				// the operator chose otherwise (DatabaseSettings says what that can lose).
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("synchronous_commit", synchronousCommit ? "on" : "off")
				.start();
			var server = new EmbeddedPostgresServer(postgres, dataDirectory, password, lock);
			server.requirePassword();
			server.createDatabaseIfMissing();
			log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {} ({} ms)", postgres.getPort(), dataDirectory,
					(System.nanoTime() - started) / 1_000_000);
			return server;
		}
		catch (IllegalStateException ex) {
			lock.close();
			throw String.valueOf(ex.getMessage()).contains("could not lock") ? inUse(dataDirectory, ex) : ex;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			lock.close();
			throw new IllegalStateException("Could not start the embedded PostgreSQL with data in " + dataDirectory + ": "
					+ ex.getMessage(), ex);
		}
	}

	private static IllegalStateException inUse(Path dataDirectory, Exception cause) {
		return new IllegalStateException("The data directory " + dataDirectory + " is in use by another running "
				+ "Proving Ground. Stop it, or set PROVINGGROUND_DATA_DIR to another directory.", cause);
	}

	/**
	 * Sets the superuser's password and writes {@link #HBA}, then reloads: a cluster made before passwords were required
	 * is closed on its first start with this version, and a changed secret takes effect.
	 */
	private void requirePassword() throws SQLException, IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("alter role " + USER + " password '" + password.replace("'", "''") + "'");
			Path hba = dataDirectory.resolve("pg_hba.conf");
			if (!Files.readString(hba).equals(HBA)) {
				Files.writeString(hba, HBA);
				statement.execute("select pg_reload_conf()");
			}
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

	String password() {
		return password;
	}

	int port() {
		return postgres.getPort();
	}

	Path dataDirectory() {
		return dataDirectory;
	}

	@Override
	public void close() throws IOException {
		try {
			postgres.close();
		}
		finally {
			lock.close();
		}
	}

}
