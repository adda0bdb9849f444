package dev.provingground.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local stack's shell, on a pseudo-terminal that {@code script} (util-linux) opens inside the stack's sandbox. Its
 * processes live in the stack's cgroups, under its limits, and die with it.
 */
final class SandboxShell implements StackShell {

	private final Process process;

	SandboxShell(Process process) {
		this.process = process;
	}

	/** The command that runs a login-less interactive shell on a terminal of {@code cols} by {@code rows}. */
	static List<String> command(int cols, int rows) {
		return List.of("script", "--quiet", "--flush", "--return", "--echo", "always", "--command",
				StackShell.interactiveShell(cols, rows), "/dev/null");
	}

	/** The terminal's programs that this host lacks, as the Debian packages that bring them; empty when none. */
	static List<String> missingTools() {
		var missing = new java.util.ArrayList<String>();
		for (String[] tool : new String[][] { { "script", "bsdutils" }, { "bash", "bash" }, { "psql", "postgresql-client" },
				{ "curl", "curl" }, { "node", "nodejs" }, { "ps", "procps" } }) {
			if (!dev.provingground.platform.Programs.onPath(tool[0])) {
				missing.add(tool[1]);
			}
		}
		return missing;
	}

	@Override
	public OutputStream input() {
		return process.getOutputStream();
	}

	@Override
	public InputStream output() {
		return process.getInputStream();
	}

	/** The terminal is the one the shell's standard input is on, reached through {@code /proc} from outside the sandbox. */
	@Override
	public void resize(int cols, int rows) throws IOException {
		StackShell.requireSize(cols, rows);
		Optional<Path> terminal = process.descendants()
			.map(child -> Path.of("/proc", Long.toString(child.pid()), "fd", "0"))
			.filter(SandboxShell::isTerminal)
			.findFirst();
		if (terminal.isEmpty()) {
			return; // the shell has not started yet, or has ended
		}
		Process stty = new ProcessBuilder("stty", "-F", terminal.get().toString(), "rows", Integer.toString(rows),
				"cols", Integer.toString(cols)).redirectErrorStream(true).start();
		try {
			if (!stty.waitFor(5, TimeUnit.SECONDS)) {
				stty.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean isTerminal(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString().startsWith("/dev/pts/");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

}
