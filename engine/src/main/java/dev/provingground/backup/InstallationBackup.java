package dev.provingground.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import dev.provingground.database.EmbeddedDatabaseFiles;

/**
 * A consistent copy of an embedded installation's data directory. While the platform runs, PostgreSQL's cluster is
 * copied as a base backup ({@code pg_backup_start} ... {@code pg_backup_stop}, with a temporary replication slot that
 * keeps the write-ahead log of the copy until it is in the backup), so the copy starts as the database was when the
 * backup ended; while it is stopped, the files are copied as they are. The secrets (the database's password, the
 * passport's keys) and the learners' workspaces come along. Left out, because the platform makes them anew: the
 * search index (rebuilt from PostgreSQL), stacks (provisioned again from the workspaces), caches and locks.
 */
final class InstallationBackup {

	/** The manifest a backup carries: what it is and when it was taken. */
	static final String MANIFEST = "provingground-backup.properties";

	private static final String CLUSTER = "postgres";

	private static final Set<String> NOT_COPIED = Set.of(CLUSTER, "opensearch", "stacks", "cache", "nodes");

	/** What a base backup leaves out of the cluster (as pg_basebackup does): the server's runtime state. */
	private static final Set<String> SERVER_STATE = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label",
			"tablespace_map", "pg_internal.init", "backup_label.old");

	/** Directories of the cluster that a base backup keeps empty. */
	private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
			"pg_snapshots", "pg_stat_tmp", "pg_subtrans");

	private final Path dataDir;

	private InstallationBackup(Path dataDir) {
		this.dataDir = dataDir;
	}

	static InstallationBackup of(Path dataDir) {
		if (!Files.isRegularFile(EmbeddedDatabaseFiles.clusterOf(dataDir).resolve("PG_VERSION"))) {
			throw new BackupException(dataDir + " holds no embedded PostgreSQL. An installation on an external database "
					+ "backs that up with its own tools (pg_dump), and copies the data directory's secrets and workspaces.");
		}
		return new InstallationBackup(dataDir);
	}

	/** What a backup holds, as its manifest says. */
	record Summary(String kind, Instant at, String startLsn, String stopLsn, long files, Duration took) {

		@Override
		public String toString() {
			return kind + " backup of " + files + " files in " + took.toMillis() + " ms"
					+ (startLsn.isEmpty() ? "" : ", write-ahead log " + startLsn + " to " + stopLsn);
		}

	}

	Summary to(Path target) {
		mustBeNewOrEmpty(target, "The backup's directory");
		long started = System.nanoTime();
		Instant at = Instant.now();
		try {
			Files.createDirectories(target);
			Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
			Path cluster = EmbeddedDatabaseFiles.clusterOf(dataDir);
			var running = EmbeddedDatabaseFiles.runningPort(dataDir);
			Wal wal = running.isPresent() ? onlineCopy(cluster, target.resolve(CLUSTER), running.getAsInt())
					: offlineCopy(cluster, target.resolve(CLUSTER));
			long files = copyTree(dataDir, target, path -> {
				Path relative = dataDir.relativize(path);
				String first = relative.getName(0).toString();
				return relative.getNameCount() == 1 && (NOT_COPIED.contains(first) || first.endsWith(".lock"));
			});
			var summary = new Summary(running.isPresent() ? "online" : "offline", at, wal.start(), wal.stop(),
					files + countFiles(target.resolve(CLUSTER)), Duration.ofNanos(System.nanoTime() - started));
			writeManifest(target, summary);
			return summary;
		}
		catch (IOException ex) {
			throw new BackupException("Could not write the backup to " + target + ": " + ex.getMessage(), ex);
		}
		catch (SQLException ex) {
			throw new BackupException("The running PostgreSQL refused the backup: " + ex.getMessage(), ex);
		}
	}

	/** Where the write-ahead log a backup needs starts and stops; empty for a stopped server's copy. */
	private record Wal(String start, String stop) {
	}

	/** Copies the cluster between {@code pg_backup_start} and {@code pg_backup_stop}, then the WAL the copy needs. */
	private Wal onlineCopy(Path cluster, Path copy, int port) throws SQLException, IOException {
		try (Connection connection = EmbeddedDatabaseFiles.connect(dataDir, port, "postgres");
				var statement = connection.createStatement()) {
			// Temporary: dropped when this session ends, however it ends, so it never holds WAL back for good.
			statement.execute("select pg_create_physical_replication_slot('provingground_backup_"
					+ ProcessHandle.current().pid() + "', true, true)");
			String start;
			try (var result = statement.executeQuery("select pg_backup_start('provingground backup', true)::text")) {
				result.next();
				start = result.getString(1);
			}
			copyTree(cluster, copy, path -> isServerState(cluster, path));
			try (var result = statement.executeQuery("select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)")) {
				result.next();
				Files.writeString(copy.resolve("backup_label"), result.getString(2));
				if (!result.getString(3).isEmpty()) {
					Files.writeString(copy.resolve("tablespace_map"), result.getString(3));
				}
				// pg_backup_stop switched to a new segment, so every segment the copy needs is complete and still here.
				copyTree(cluster.resolve("pg_wal"), copy.resolve("pg_wal"),
						path -> !path.getFileName().toString().matches("[0-9A-F]{24}|[0-9A-F]{8}\\.history"));
				return new Wal(start, result.getString(1));
			}
		}
	}

	private Wal offlineCopy(Path cluster, Path copy) throws IOException {
		copyTree(cluster, copy, path -> SERVER_STATE.contains(path.getFileName().toString()));
		return new Wal("", "");
	}

	/** Server state, or the content of a directory that a base backup keeps empty. */
	private static boolean isServerState(Path cluster, Path path) {
		Path relative = cluster.relativize(path);
		return SERVER_STATE.contains(path.getFileName().toString()) || path.getFileName().toString().startsWith("pgsql_tmp")
				|| (relative.getNameCount() == 2 && EMPTIED.contains(relative.getName(0).toString()));
	}

	/** Restores a backup into an empty (or absent) data directory. */
	static void restore(Path backup, Path dataDir) {
		if (!Files.isRegularFile(backup.resolve(MANIFEST))
				|| !Files.isRegularFile(backup.resolve(CLUSTER).resolve("PG_VERSION"))) {
			throw new BackupException(backup + " is not a Proving Ground backup (it has no " + MANIFEST + " and "
					+ CLUSTER + "/PG_VERSION)");
		}
		mustBeNewOrEmpty(dataDir, "The data directory to restore into");
		try {
			Files.createDirectories(dataDir);
			copyTree(backup, dataDir, path -> backup.relativize(path).toString().equals(MANIFEST));
			// PostgreSQL refuses a cluster that others may read.
			Files.setPosixFilePermissions(dataDir.resolve(CLUSTER), PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new BackupException("Could not restore into " + dataDir + ": " + ex.getMessage(), ex);
		}
	}

	private static void mustBeNewOrEmpty(Path directory, String what) {
		try {
			if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
				if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
					throw new BackupException(what + " " + directory + " is not a directory");
				}
				try (var entries = Files.list(directory)) {
					if (entries.findAny().isPresent()) {
						throw new BackupException(what + " " + directory + " is not empty; name a new or empty one");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new BackupException(what + " " + directory + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Copies a tree with its permissions, skipping what {@code leftOut} names (a directory with all it holds). A file
	 * that goes while the copy runs (a server's temporary file) is no loss: the write-ahead log has what it held.
	 */
	private static long copyTree(Path from, Path to, Predicate<Path> leftOut) throws IOException {
		long[] files = { 0 };
		Files.walkFileTree(from, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
				if (!dir.equals(from) && leftOut.test(dir)) {
					return FileVisitResult.SKIP_SUBTREE;
				}
				Path copy = to.resolve(from.relativize(dir).toString());
				Files.createDirectories(copy);
				Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				if (leftOut.test(file) || attributes.isOther()) {
					return FileVisitResult.CONTINUE;
				}
				try {
					Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
							StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
					files[0]++;
				}
				catch (NoSuchFileException gone) {
					// removed by the running server meanwhile
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

		});
		return files[0];
	}

	private static long countFiles(Path dir) {
		try (var files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeManifest(Path target, Summary summary) throws IOException {
		var manifest = new Properties();
		manifest.setProperty("kind", summary.kind());
		manifest.setProperty("taken-at", summary.at().toString());
		manifest.setProperty("wal-start", summary.startLsn());
		manifest.setProperty("wal-stop", summary.stopLsn());
		manifest.setProperty("files", Long.toString(summary.files()));
		try (var out = Files.newBufferedWriter(target.resolve(MANIFEST))) {
			manifest.store(out, "Proving Ground backup: restore with ./run restore " + target);
		}
	}

}
