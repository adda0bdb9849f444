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
import java.util.HexFormat;

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

	StackDatabases(Path cacheDir) {
		this.templatesDir = cacheDir.resolve("postgres");
		this.templates = new CacheEntries(templatesDir);
	}

	/** A stack's running cluster. */
	record RunningDatabase(EmbeddedPostgres postgres, Path dataDir, String name, String role, String password) {

		int port() {
			return postgres.getPort();
		}

		String appUrl() {
			return "postgres://" + role + ":" + password + "@127.0.0.1:" + port() + "/" + name;
		}

		String jdbcUrl() {
			return "jdbc:postgresql://127.0.0.1:" + port() + "/" + name;
		}

	}

	/** Starts the stack's cluster from the scenario's seeded template, creating the template on first use. */
	RunningDatabase start(StackRequest request, Path dataDir, Path log) {
		var spec = request.spec().database();
		Path template = template(request);
		try {
			Files.createDirectories(dataDir.getParent());
			copy(template, dataDir);
			var builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofSeconds(30))
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setServerConfig("listen_addresses", "127.0.0.1");
			spec.settings().forEach(builder::setServerConfig);
			var postgres = builder.start();
			// The cluster trusts loopback connections (initdb -A trust), so the password in the app's URL is a formality.
			return new RunningDatabase(postgres, dataDir, spec.name(), spec.role(), spec.role());
		}
		catch (IOException | RuntimeException ex) {
			throw new StackProvisioningException("The database did not start: " + rootMessage(ex), ex);
		}
	}

	/** Stops a cluster this platform process started, with PostgreSQL's fast shutdown. */
	void stop(RunningDatabase database) {
		try {
			database.postgres().close();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Stopping the stack database in {} failed: {}", database.dataDir(), ex.getMessage());
		}
		stopOrphan(database.dataDir());
	}

	/** Stops a cluster left running by a crashed platform process, found through its {@code postmaster.pid}. */
	static void stopOrphan(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		try {
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			if (OsProcesses.commandLineContains(pid, dataDir.toString())) {
				OsProcesses.stop(pid, "INT", Duration.ofSeconds(10)); // SIGINT: fast shutdown, clients are cut off
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not read {}: {}", pidFile, ex.getMessage());
		}
	}

	/** The postmaster's pid, for telemetry and for the reaper. */
	static long postmasterPid(Path dataDir) {
		try {
			return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
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
		var spec = request.spec().database();
		deleteRecursively(template);
		long started = System.nanoTime();
		try (var postgres = EmbeddedPostgres.builder()
			.setDataDirectory(template)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_wal_size", "2GB")
			// With minimal WAL, rows inserted in the transaction that created their table skip the WAL entirely:
			// the template (copied for every stack) holds the data once instead of twice.
			.setServerConfig("wal_level", "minimal")
			.setServerConfig("max_wal_senders", "0")
			.start()) {
			seed(request, database -> postgres.getDatabase(SUPERUSER, database).getConnection());
		}
		log.info("Seeded the database template of scenario {} in {} ms", request.scenarioId(),
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Opens a superuser connection to a database of the cluster being seeded. */
	interface Connector {

		Connection open(String database) throws SQLException;

	}

	/**
	 * Creates the app's role and database in a fresh cluster, runs the scenario's seed files as that role, and
	 * checkpoints, so that a copy of the cluster's files holds everything.
	 */
	static void seed(StackRequest request, Connector connector) throws IOException, SQLException {
		var spec = request.spec().database();
		try (Connection admin = connector.open("postgres"); var statement = admin.createStatement()) {
			statement.execute("create role " + quoteIdent(spec.role()) + " login password " + quoteLiteral(spec.role())
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
			digest.update((spec.name() + "\0" + spec.role() + "\0" + spec.connectionLimit() + "\0")
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

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
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
		return cause == ex ? String.valueOf(ex.getMessage()) : ex.getMessage() + " (" + cause.getMessage() + ")";
	}

}
