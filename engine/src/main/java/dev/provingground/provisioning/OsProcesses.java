package dev.provingground.provisioning;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operating-system processes of a stack. Each carries its stack id in its environment, so that after a crash of the
 * platform a reaper can tell a stack's process from an unrelated one that got the same pid.
 */
final class OsProcesses {

	static final String STACK_MARKER = "PROVINGGROUND_STACK";

	/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture we run on. */
	private static final long NANOS_PER_TICK = 10_000_000L;

	private static final long PAGE_SIZE = 4096;

	private OsProcesses() {
	}

	/**
	 * Starts a process with its stdout and stderr appended to {@code log}, with {@code env} as its whole environment
	 * (and a {@code PATH}): nothing of the platform's own environment, which may hold secrets, reaches it.
	 */
	static Process start(List<String> command, Path workingDir, Map<String, String> env, Path log, UUID stackId)
			throws IOException {
		var builder = new ProcessBuilder(command).directory(workingDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().clear();
		builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
		builder.environment().put("LANG", "C.UTF-8");
		builder.environment().putAll(env);
		builder.environment().put(STACK_MARKER, stackId.toString());
		return builder.start();
	}

	/** True while the process runs. A zombie (ended, not yet reaped by its parent) does not count. */
	static boolean alive(long pid) {
		if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** True when the process runs and was started for this stack. */
	static boolean belongsTo(long pid, UUID stackId) {
		try {
			byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
			return new String(environ, StandardCharsets.UTF_8).contains(STACK_MARKER + "=" + stackId);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** True when the process runs and its command line mentions {@code text}, such as its data directory. */
	static boolean commandLineContains(long pid, String text) {
		try {
			byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
			return new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Sends a signal ({@code TERM}, {@code INT}, {@code KILL}), then waits for the process to end; kills it after {@code grace}. */
	static void stop(long pid, String signal, Duration grace) {
		if (!alive(pid)) {
			return;
		}
		signal(pid, signal);
		if (!awaitEnd(pid, grace)) {
			signal(pid, "KILL");
			awaitEnd(pid, Duration.ofSeconds(5));
		}
	}

	/** CPU time used and resident memory of a running process, from {@code /proc}; null when it is gone. */
	static long[] cpuNanosAndRssBytes(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15, rss 24.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			long pages = Long.parseLong(fields[21]);
			return new long[] { ticks * NANOS_PER_TICK, pages * PAGE_SIZE };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** Waits until the process has ended, for at most {@code limit}. */
	static boolean awaitEnd(long pid, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (alive(pid) && System.nanoTime() < deadline) {
			sleep(20);
		}
		return !alive(pid);
	}

	private static void signal(long pid, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Could not signal process " + pid + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The last {@code lines} lines of a log file, read from its end so that a large log costs nothing. */
	static List<String> tail(Path log, int lines) {
		if (!Files.isRegularFile(log) || lines <= 0) {
			return List.of();
		}
		try (var file = new RandomAccessFile(log.toFile(), "r")) {
			long length = file.length();
			long start = Math.max(0, length - Math.min(length, 256L * 1024));
			byte[] bytes = new byte[(int) (length - start)];
			file.seek(start);
			file.readFully(bytes);
			var last = new ArrayDeque<String>(lines);
			for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
				if (last.size() == lines) {
					last.removeFirst();
				}
				last.addLast(line);
			}
			return new ArrayList<>(last);
		}
		catch (IOException ex) {
			return List.of("(could not read " + log + ": " + ex.getMessage() + ")");
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackProvisioningException("Interrupted while waiting for a process");
		}
	}

}
