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
 * A shell in a stack's sandbox, on a pseudo-terminal that {@code script} (util-linux) opens inside the sandbox: what
 * is written to {@link #input()} is typed on it, and {@link #output()} is what the terminal shows. The shell's
 * processes are the stack's: they live in its cgroups, under its limits, and die with it.
 */
public final class StackShell implements AutoCloseable {

	/** The sizes a terminal may have: beyond them a resize is a mistake or an attack on the shell's memory. */
	public static final int MAX_COLUMNS = 500;

	public static final int MAX_ROWS = 200;

	private final Process process;

	StackShell(Process process) {
		this.process = process;
	}

	/** The command that runs a login-less interactive shell on a terminal of {@code cols} by {@code rows}. */
	static List<String> command(int cols, int rows) {
		requireSize(cols, rows);
		return List.of("script", "--quiet", "--flush", "--return", "--echo", "always", "--command",
				"stty rows " + rows + " cols " + cols + " 2>/dev/null; exec bash --noprofile --norc -i", "/dev/null");
	}

	/** The terminal's programs that this host lacks, as the Debian packages that bring them; empty when none. */
	static List<String> missingTools() {
		var missing = new java.util.ArrayList<String>();
		for (String[] tool : new String[][] { { "script", "bsdutils" }, { "bash", "bash" }, { "psql", "postgresql-client" },
				{ "curl", "curl" }, { "ps", "procps" } }) {
			if (!dev.provingground.platform.Programs.onPath(tool[0])) {
				missing.add(tool[1]);
			}
		}
		return missing;
	}

	public OutputStream input() {
		return process.getOutputStream();
	}

	public InputStream output() {
		return process.getInputStream();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/**
	 * Gives the terminal a new size: the shell and what runs in it are told (SIGWINCH) by the kernel. The terminal is
	 * the one the shell's standard input is on, reached through {@code /proc} from outside the sandbox.
	 */
	public void resize(int cols, int rows) throws IOException {
		requireSize(cols, rows);
		Optional<Path> terminal = process.descendants()
			.map(child -> Path.of("/proc", Long.toString(child.pid()), "fd", "0"))
			.filter(StackShell::isTerminal)
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

	private static void requireSize(int cols, int rows) {
		if (cols < 1 || cols > MAX_COLUMNS || rows < 1 || rows > MAX_ROWS) {
			throw new IllegalArgumentException("A terminal is 1 to " + MAX_COLUMNS + " columns by 1 to " + MAX_ROWS
					+ " rows; got " + cols + " by " + rows);
		}
	}

	/** Ends the shell and everything it started that is still its own. */
	@Override
	public void close() {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

}
