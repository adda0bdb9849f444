package dev.provingground.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What a {@link StackShell} showed so far, read on a thread of its own, and a way to run a command on it. */
final class ShellScreen implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final AtomicInteger COMMANDS = new AtomicInteger();

	private final StackShell shell;

	private final StringBuilder shown = new StringBuilder();

	private final Thread reader;

	ShellScreen(StackShell shell) {
		this.shell = shell;
		this.reader = new Thread(() -> {
			byte[] chunk = new byte[4096];
			try (InputStream output = shell.output()) {
				for (int read; (read = output.read(chunk)) >= 0;) {
					synchronized (shown) {
						shown.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}, "shell-screen");
		reader.setDaemon(true);
		reader.start();
	}

	/** Types a command and gives what it printed (without colours), between two markers only the shell can write. */
	String run(String command) throws IOException, InterruptedException {
		int n = COMMANDS.incrementAndGet();
		String begin = "BEGIN" + n + "_";
		String end = "END" + n + "_";
		// Split markers: the echo of the typed line does not contain them.
		String line = "printf '%s\\n' 'BEG''IN" + n + "_'; " + command + "; printf '%s\\n' 'EN''D" + n + "_'\r";
		shell.input().write(line.getBytes(StandardCharsets.UTF_8));
		shell.input().flush();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			synchronized (shown) {
				int from = shown.indexOf(begin + "\r\n");
				int to = from < 0 ? -1 : shown.indexOf(end + "\r\n", from);
				if (to >= 0) {
					return shown.substring(from + begin.length(), to).replace("\r", "")
						.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "")
						.strip();
				}
			}
			Thread.sleep(50);
		}
		synchronized (shown) {
			throw new AssertionError("'" + command + "' did not finish within " + WAIT.toSeconds() + " s; the terminal "
					+ "shows:\n" + shown);
		}
	}

	void resize(int cols, int rows) throws IOException {
		shell.resize(cols, rows);
	}

	@Override
	public void close() {
		shell.close();
	}

}
