package dev.provingground.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crashed platform process left of its embedded PostgreSQL: the server itself, still running (the platform
 * started it as a daemon, so it outlives a {@code kill -9} of the JVM), or a stale {@code postmaster.pid} naming a
 * process id that now belongs to someone else. Called while holding the data directory's lock, so no live platform
 * uses the server. A server is stopped only when it is provably this directory's: a {@code postgres} program whose
 * working directory is this data directory.
 */
final class OrphanedPostmaster {

	private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

	private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);

	private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

	private OrphanedPostmaster() {
	}

	/** Leaves the data directory free for a new server: stops an orphaned one, or removes a stale lock file. */
	static void clear(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve(PidFile.NAME);
		Optional<Long> pid = PidFile.read(dataDirectory).map(PidFile::pid);
		if (pid.isEmpty()) {
			return;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
		if (process.isEmpty()) {
			log.info("The embedded PostgreSQL did not stop cleanly last time (pid {} is gone); it recovers from its "
					+ "write-ahead log as it starts", pid.get());
			return;
		}
		Owner owner = ownerOf(pid.get(), dataDirectory);
		if (owner == Owner.UNKNOWN && !process.get().isAlive()) {
			return;
		}
		if (owner == Owner.UNKNOWN) {
			throw new IllegalStateException(pidFile + " names pid " + pid.get() + ", a live process that the platform "
					+ "cannot inspect (/proc). If it is not a PostgreSQL of " + dataDirectory + ", remove that file.");
		}
		if (owner == Owner.SOMEONE_ELSE) {
			log.warn("{} names pid {}, which is now another program, not a PostgreSQL of this directory: removing the "
					+ "stale file so that the server can start", pidFile, pid.get());
			Files.deleteIfExists(pidFile);
			return;
		}
		log.warn("An embedded PostgreSQL (pid {}) left running by a platform process that ended without stopping it "
				+ "holds {}: stopping it with a fast shutdown", pid.get(), dataDirectory);
		if (stop(process.get(), "INT", FAST_SHUTDOWN)) {
			log.info("The orphaned PostgreSQL (pid {}) stopped cleanly", pid.get());
			return;
		}
		log.warn("The orphaned PostgreSQL (pid {}) did not stop within {} s: immediate shutdown (it recovers from its "
				+ "write-ahead log on the next start)", pid.get(), FAST_SHUTDOWN.toSeconds());
		if (stop(process.get(), "QUIT", IMMEDIATE_SHUTDOWN) || stop(process.get(), "KILL", IMMEDIATE_SHUTDOWN)) {
			return;
		}
		throw new IllegalStateException("The orphaned embedded PostgreSQL (pid " + pid.get() + ") holding "
				+ dataDirectory + " does not stop, even when killed. Stop it by hand, then start the platform again.");
	}

	/** What a cluster's {@code postmaster.pid} says: the server's process id and, once it listens, its port. */
	record PidFile(long pid, Integer port) {

		static final String NAME = "postmaster.pid";

		/** Empty when there is no such file, or when it cannot be read as one (a server writes it in steps). */
		static Optional<PidFile> read(Path cluster) throws IOException {
			try {
				List<String> lines = Files.readAllLines(cluster.resolve(NAME));
				if (lines.isEmpty()) {
					return Optional.empty();
				}
				Integer port = lines.size() < 4 ? null : Integer.valueOf(lines.get(3).strip());
				return Optional.of(new PidFile(Long.parseLong(lines.get(0).strip()), port));
			}
			catch (NoSuchFileException | NumberFormatException ex) {
				return Optional.empty();
			}
		}

	}

	enum Owner {

		/** A {@code postgres} program working in this directory (a postmaster's working directory is its data directory). */
		THIS_DIRECTORY,

		/** Another program, or a PostgreSQL of another directory: the pid was reused. */
		SOMEONE_ELSE,

		/** It cannot be told, so nothing may be done to it. */
		UNKNOWN

	}

	static Owner ownerOf(long pid, Path dataDirectory) {
		try {
			Path proc = Path.of("/proc", Long.toString(pid));
			boolean postgres = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString().equals("postgres");
			return postgres && Files.readSymbolicLink(proc.resolve("cwd")).equals(dataDirectory.toRealPath())
					? Owner.THIS_DIRECTORY : Owner.SOMEONE_ELSE;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return Owner.UNKNOWN;
		}
	}

	private static boolean stop(ProcessHandle process, String signal, Duration patience) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
			process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return false;
		}
		catch (IOException | java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("Could not signal the orphaned PostgreSQL (pid " + process.pid() + "): "
					+ ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
