package dev.provingground.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A shell in a stack, on a pseudo-terminal: what is written to {@link #input()} is typed on it, and {@link #output()}
 * is what the terminal shows. Its processes are the stack's: under its limits, reaching what the stack reaches and
 * nothing else, and they end with it. Local stacks run it in the stack's sandbox, Docker stacks in a tools container on
 * the stack's internal network.
 */
public interface StackShell extends AutoCloseable {

	/** The sizes a terminal may have: beyond them a resize is a mistake or an attack on the shell's memory. */
	int MAX_COLUMNS = 500;

	int MAX_ROWS = 200;

	/** The prompt: short, and the same in every stack. */
	String PROMPT = "stack\\$ ";

	OutputStream input();

	InputStream output();

	/** Gives the terminal a new size: the shell and what runs in it are told (SIGWINCH). */
	void resize(int cols, int rows) throws IOException;

	/** Ends the shell and everything it started. */
	@Override
	void close();

	static void requireSize(int cols, int rows) {
		if (cols < 1 || cols > MAX_COLUMNS || rows < 1 || rows > MAX_ROWS) {
			throw new IllegalArgumentException("A terminal is 1 to " + MAX_COLUMNS + " columns by 1 to " + MAX_ROWS
					+ " rows; got " + cols + " by " + rows);
		}
	}

	/** The shell line that sizes the terminal it runs on, then becomes a plain interactive bash (no profile to read). */
	static String interactiveShell(int cols, int rows) {
		requireSize(cols, rows);
		return "stty rows " + rows + " cols " + cols + " 2>/dev/null; exec bash --noprofile --norc -i";
	}

	/**
	 * What the shell finds in its environment, in either kind of stack: {@code psql} preset for the stack's database
	 * as the console's read-only role, and where the app answers inside the stack, as {@code host:port}: {@code APP}
	 * (replica 0) and {@code BALANCER} (null when the stack has none).
	 */
	static Map<String, String> environment(Map<String, String> database, String app, String balancer) {
		Map<String, String> env = new HashMap<>(database);
		env.put("TERM", "xterm-256color");
		env.put("PS1", PROMPT);
		env.put("APP", app);
		if (balancer != null) {
			env.put("BALANCER", balancer);
		}
		return env;
	}

}
