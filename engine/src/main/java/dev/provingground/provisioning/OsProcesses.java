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

	private OsProcesses() {
	}

	/**
	 * Starts a process with its stdout and stderr appended to {@code log}, with {@code env} as its whole environment
	 * (and a {@code PATH}): nothing of the platform's own environment, which may hold secrets, reaches it.
	 */
	static Process start(List<String> command, Path workingDir, Map<String, String> env, Path log, UUID stackId)
			throws IOException {
		return start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))), workingDir, env, stackId);
	}

	/** Starts a stack's process whose input and output are the platform's to write and read (a terminal). */
	static Process startPiped(List<String> command, Path workingDir, Map<String, String> env, UUID stackId)
			throws IOException {
		return start(new ProcessBuilder(command), workingDir, env, stackId);
	}

	private static Process start(ProcessBuilder builder, Path workingDir, Map<String, String> env, UUID stackId)
			throws IOException {
		builder.directory(workingDir.toFile()).redirectErrorStream(true);
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
