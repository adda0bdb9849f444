package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL cluster per stack, so that server settings such as {@code max_connections} are the learner's own
 * and the errors they see are PostgreSQL's. The seed runs once per scenario version into a template cluster; a stack
 * starts from a copy of its files, which takes a fraction of a second even for millions of rows.
 */
final class StackDatabases {

	static final String SUPERUSER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(StackDatabases.class);

	private final Path templatesDir;

	private final CacheEntries templates;

	private final String templatePassword;

	StackDatabases(Path cacheDir, String templatePassword) {
		this.templatesDir = cacheDir.resolve("postgres");
		this.templates = new CacheEntries(templatesDir);
		this.templatePassword = templatePassword;
	}

	/** A stack cluster's {@code pg_hba.conf}: a password for every connection, local or not; nothing is trusted. */
	static final String HBA = """
			# Written by Proving Ground: every connection gives its password; nothing is trusted.
			local all all scram-sha-256
			host all all 0.0.0.0/0 scram-sha-256
			host all all ::/0 scram-sha-256
			""";

	/**
	 * A stack's running cluster, reached by the platform on the stack's address and by the app on its loopback.
	 * @param password the app role's password, which the app gets in its {@code DATABASE_URL}
	 */
	record RunningDatabase(Process process, Path dataDir, String name, String role, String password, String host,
			int port) {

		/** The app's URL: inside the stack's network namespace, the database is on its loopback. */
		String appUrl() {
			return "postgres://" + role + ":" + password + "@127.0.0.1:" + port + "/" + name;
		}

	}

	/** The port the database listens on inside its stack. */
	static final int PORT = 5432;

	/**
	 * Starts the stack's cluster from the scenario's seeded template, creating the template on first use. The cluster
	 * runs in the stack's sandbox as the stack's user; it gets passwords of its own before anyone else can connect.
	 */
	RunningDatabase start(StackRequest request, Path dataDir, Path log, Sandbox sandbox, String host,
			StackCredentials credentials, UUID stackId) {
		var spec = request.spec().database();
		Path template = template(request);
		try {
			Files.createDirectories(dataDir.getParent());
			copy(template, dataDir);
			own(dataDir, sandbox.uid());
			List<String> command = new ArrayList<>(List.of(PostgresBinaries.bin().resolve("postgres").toString(), "-D",
					dataDir.toString(), "-p", Integer.toString(PORT), "-c", "listen_addresses=*", "-c",
					"unix_socket_directories=", "-c", "password_encryption=scram-sha-256"));
			serverSettings(spec.settings(), PostgresBinaries.majorVersion())
				.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
			Process process = OsProcesses.start(sandbox.wrap(command), dataDir, Map.of(), log, stackId);
			String url = "jdbc:postgresql://" + host + ":" + PORT + "/postgres?connectTimeout=2";
			awaitAccepting(process, url, credentials.template(), log);
			rekey(url, credentials.template(), spec.role(), credentials, stackId);
			return new RunningDatabase(process, dataDir, spec.name(), spec.role(), credentials.app(stackId), host, PORT);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			throw new StackProvisioningException("The database did not start: " + rootMessage(ex), ex);
		}
	}

	/**
	 * Connections the server keeps for the console's role, the learner's SQL console and terminal, on top of the
	 * scenario's {@code max_connections}: a database that the app saturated is when they are needed most.
	 */
	static final int CONSOLE_RESERVED = 4;

	/**
	 * The server settings a stack's database starts with: the scenario's and, on PostgreSQL 16 or later (which has
	 * {@code reserved_connections}), {@value #CONSOLE_RESERVED} slots for the console's role added to its
	 * {@code max_connections}, so that every other role still has the slots the scenario gave it.
	 * @param major the server's major version; 0 when unknown, which adds nothing
	 */
	static Map<String, String> serverSettings(Map<String, String> scenario, int major) {
		Map<String, String> settings = new java.util.LinkedHashMap<>(scenario);
		if (major >= 16 && !settings.containsKey("reserved_connections")) {
			int max = Integer.parseInt(settings.getOrDefault("max_connections", "100").strip());
			settings.put("max_connections", Integer.toString(max + CONSOLE_RESERVED));
			settings.put("reserved_connections", Integer.toString(CONSOLE_RESERVED));
		}
		return settings;
	}

	/**
	 * Gives the stack's superuser and app role their own passwords, connecting with the template's: an app that learns
	 * its own password learns nothing of any other stack.
	 */
	static void rekey(String jdbcUrl, String templatePassword, String role, StackCredentials credentials, UUID stackId)
			throws SQLException {
		try (Connection admin = DriverManager.getConnection(jdbcUrl, SUPERUSER, templatePassword);
				var statement = admin.createStatement()) {
			statement.execute("alter role " + SUPERUSER + " password " + quoteLiteral(credentials.superuser(stackId)));
			statement.execute("alter role " + quoteIdent(role) + " password " + quoteLiteral(credentials.app(stackId)));
			StackConsoles.createRole(statement, credentials.console(stackId));
		}
	}

	private static void awaitAccepting(Process process, String url, String password, Path log) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String lastProblem = "no answer yet";
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new StackProvisioningException("PostgreSQL exited with code " + process.exitValue()
						+ ". Its last output:\n" + String.join("\n", OsProcesses.tail(log, 20)));
			}
			try (Connection connection = DriverManager.getConnection(url, SUPERUSER, password)) {
				return;
			}
			catch (SQLException ex) {
				if ("28P01".equals(ex.getSQLState())) {
					throw new StackProvisioningException("The database refused the template's password: the template was "
							+ "made with another stack key. Remove the database templates in the cache to make them anew.");
				}
				lastProblem = ex.getMessage();
			}
			OsProcesses.sleep(25);
		}
		throw new StackProvisioningException("PostgreSQL did not accept connections within 60 s (" + lastProblem + ")");
	}

	private static void own(Path dir, int uid) throws IOException {
		StackNetworks.run(List.of("chown", "-R", uid + ":" + uid, dir.toString()), false);
		Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
	}

	private Path template(StackRequest request) {
		String key = request.scenarioId() + "-" + fingerprint(request);
		try {
			return templates.makeOnce(key, () -> seedTemplate(request, templatesDir.resolve(key)));
		}
		catch (IOException | RuntimeException ex) {
			throw new StackProvisioningException("Seeding the database of scenario '" + request.scenarioId()
					+ "' failed: " + rootMessage(ex), ex);
		}
	}

	private void seedTemplate(StackRequest request, Path template) throws IOException, SQLException {
		deleteRecursively(template);
		long started = System.nanoTime();
		Path passwordFile = Files.createTempFile(templatesDir, ".password", "");
		Files.setPosixFilePermissions(passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		Files.writeString(passwordFile, templatePassword + "\n");
		try (var postgres = EmbeddedPostgres.builder()
			.setDataDirectory(template)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			// initdb reads these after the library's "-A trust": the template never trusts a connection.
			.setLocaleConfig("auth-local", "scram-sha-256")
			.setLocaleConfig("auth-host", "scram-sha-256")
			.setLocaleConfig("pwfile", passwordFile.toString())
			.setConnectConfig("password", templatePassword)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_wal_size", "2GB")
			// With minimal WAL, rows inserted in the transaction that created their table skip the WAL entirely:
			// the template (copied for every stack) holds the data once instead of twice.
			.setServerConfig("wal_level", "minimal")
			.setServerConfig("max_wal_senders", "0")
			.start()) {
			seed(request, database -> postgres.getDatabase(SUPERUSER, database).getConnection(), templatePassword);
		}
		finally {
			Files.deleteIfExists(passwordFile);
		}
		Files.writeString(template.resolve("pg_hba.conf"), HBA);
		log.info("Seeded the database template of scenario {} in {} ms", request.scenarioId(),
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Opens a superuser connection to a database of the cluster being seeded. */
	interface Connector {

		Connection open(String database) throws SQLException;

	}

	/**
	 * Creates the app's role and database in a fresh cluster, runs the scenario's seed files as that role, and
	 * checkpoints, so that a copy of the cluster's files holds everything. Both roles get the template's password, which
	 * a stack replaces at its start ({@link #rekey}).
	 */
	static void seed(StackRequest request, Connector connector, String templatePassword)
			throws IOException, SQLException {
		var spec = request.spec().database();
		try (Connection admin = connector.open("postgres"); var statement = admin.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			statement.execute("alter role " + SUPERUSER + " password " + quoteLiteral(templatePassword));
			statement.execute("create role " + quoteIdent(spec.role()) + " login password " + quoteLiteral(templatePassword)
					+ (spec.connectionLimit() == null ? "" : " connection limit " + spec.connectionLimit()));
			statement.execute("create database " + quoteIdent(spec.name()) + " owner " + quoteIdent(spec.role()));
		}
		try (Connection db = connector.open(spec.name()); var statement = db.createStatement()) {
			// The app's role owns what the seed creates, so the learner's migrations may add indexes to it.
			db.setAutoCommit(false);
			statement.execute("set role " + quoteIdent(spec.role()));
			for (String file : spec.seedFiles()) {
				try {
					statement.execute(Files.readString(request.packageDir().resolve(file)));
				}
				catch (SQLException ex) {
					throw new SQLException(file + ": " + ex.getMessage(), ex);
				}
			}
			statement.execute("reset role");
			db.commit();
			db.setAutoCommit(true);
			statement.execute("checkpoint");
		}
	}

	/** The template changes when the seed files or the database's name, role or limit do. */
	static String fingerprint(StackRequest request) {
		var spec = request.spec().database();
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			// "scram": templates made before passwords were required trusted every connection; they are not reused.
			digest.update(("scram\0" + spec.name() + "\0" + spec.role() + "\0" + spec.connectionLimit() + "\0")
				.getBytes(StandardCharsets.UTF_8));
			for (String file : spec.seedFiles()) {
				digest.update(file.getBytes(StandardCharsets.UTF_8));
				digest.update(Files.readAllBytes(request.packageDir().resolve(file)));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Cannot read a seed file of scenario '" + request.scenarioId() + "': "
					+ ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		var copy = new ProcessBuilder("cp", "-a", "--reflink=auto", from.toString(), to.toString()).redirectErrorStream(true)
			.start();
		try {
			String output = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (copy.waitFor() != 0) {
				throw new IOException("copying the database template failed: " + output.trim());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while copying the database template");
		}
		// A copied lock or pid file would make the new cluster think another one runs in its directory.
		Files.deleteIfExists(to.resolve("postmaster.pid"));
	}

	/**
	 * Deletes the directory and everything in it. What goes while it walks (a concurrent teardown, a database removing
	 * its pid file on the way out) is skipped, not an error.
	 */
	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {

			@Override
			public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes)
					throws IOException {
				Files.deleteIfExists(file);
				return java.nio.file.FileVisitResult.CONTINUE;
			}

			@Override
			public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof java.nio.file.NoSuchFileException) {
					return java.nio.file.FileVisitResult.CONTINUE;
				}
				throw ex;
			}

			@Override
			public java.nio.file.FileVisitResult postVisitDirectory(Path directory, IOException ex) throws IOException {
				if (ex != null && !(ex instanceof java.nio.file.NoSuchFileException)) {
					throw ex;
				}
				Files.deleteIfExists(directory);
				return java.nio.file.FileVisitResult.CONTINUE;
			}

		});
	}

	/** The bytes of the files under the directory; files that go while it counts are skipped. */
	static long sizeOf(Path dir) {
		long[] total = { 0 };
		try {
			Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {

				@Override
				public java.nio.file.FileVisitResult visitFile(Path file,
						java.nio.file.attribute.BasicFileAttributes attributes) {
					total[0] += attributes.size();
					return java.nio.file.FileVisitResult.CONTINUE;
				}

				@Override
				public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException ex) {
					return java.nio.file.FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			// the directory went: nothing on disk
		}
		return total[0];
	}

	static String quoteIdent(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	static String quoteLiteral(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause == ex ? messageOf(ex) : messageOf(ex) + " (" + messageOf(cause) + ")";
	}

	/** An exception's message, or its kind when it has none (an OverlappingFileLockException says nothing itself). */
	private static String messageOf(Throwable ex) {
		return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
