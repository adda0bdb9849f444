package dev.provingground.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import dev.provingground.provisioning.StackShell;

/**
 * One run's shell and the page that shows it, if any. The shell outlives its page for a grace period, so that a reload
 * finds it again: the new page is first shown the last {@value #REPLAY_BYTES} bytes the shell wrote.
 */
final class TerminalSession {

	/** What a page that attaches is shown again: enough for a full screen of a large terminal, with colours. */
	static final int REPLAY_BYTES = 64 * 1024;

	/** Where the session's output goes: a page's socket. */
	interface Viewer {

		void show(byte[] output);

		/** The session ended, or another page took it over: the viewer says why and closes. */
		void end(String why);

		/** How many admins watch the session now: the learner's page says so. */
		default void watchedBy(int admins) {
		}

	}

	/** The most admins who may watch one terminal at once. */
	static final int MAX_WATCHERS = 4;

	final UUID runId;

	final String learnerId;

	final UUID stackId;

	private final StackShell shell;

	private final DiagnosticTrail trail;

	private final Clock clock;

	private final TypedLines typed = new TypedLines();

	private final byte[] replay = new byte[REPLAY_BYTES];

	private int replayEnd;

	private boolean replayFull;

	private Viewer viewer;

	/** Admins' pages: shown what the learner's page is shown, and they type nothing. */
	private final java.util.Set<Viewer> watchers = new java.util.LinkedHashSet<>();

	private Instant lastUsed;

	private Instant detachedAt;

	private boolean ended;

	TerminalSession(UUID runId, String learnerId, UUID stackId, StackShell shell, DiagnosticTrail trail, Clock clock) {
		this.runId = runId;
		this.learnerId = learnerId;
		this.stackId = stackId;
		this.shell = shell;
		this.trail = trail;
		this.clock = clock;
		this.lastUsed = clock.instant();
		this.detachedAt = lastUsed;
	}

	/** Copies the shell's output to the replay buffer and the page until the shell ends; runs on its own thread. */
	void pump(Runnable onEnd) {
		byte[] chunk = new byte[8192];
		try (InputStream output = shell.output()) {
			for (int read; (read = output.read(chunk)) >= 0;) {
				byte[] bytes = Arrays.copyOf(chunk, read);
				java.util.List<Viewer> current;
				synchronized (this) {
					remember(bytes);
					current = showing();
				}
				current.forEach(page -> page.show(bytes));
			}
		}
		catch (IOException ex) {
			// the shell was closed
		}
		end("The shell ended. Open the terminal again for a new one.");
		onEnd.run();
	}

	/** Shows the page what the shell wrote lately, then everything it writes from now on. */
	void attach(Viewer page) {
		Viewer previous;
		byte[] screen;
		synchronized (this) {
			if (ended) {
				page.end("The shell ended. Open the terminal again for a new one.");
				return;
			}
			previous = viewer;
			viewer = page;
			detachedAt = null;
			lastUsed = clock.instant();
			screen = replayed();
		}
		if (previous != null && previous != page) {
			previous.end("The terminal was opened in another tab or window.");
		}
		if (screen.length > 0) {
			page.show(screen);
		}
		page.watchedBy(watcherCount());
	}

	/**
	 * Shows an admin's page what the shell wrote lately and everything it writes from now on, without a way to type;
	 * the learner's page is told that it is watched.
	 * @throws DiagnosticsException when as many admins watch already as may
	 */
	void watch(Viewer page) {
		byte[] screen;
		Viewer learner;
		int count;
		synchronized (this) {
			if (ended) {
				page.end("The learner's shell ended.");
				return;
			}
			if (watchers.size() >= MAX_WATCHERS) {
				throw new DiagnosticsException(MAX_WATCHERS + " admins watch this terminal already");
			}
			watchers.add(page);
			screen = replayed();
			learner = viewer;
			count = watchers.size();
		}
		if (screen.length > 0) {
			page.show(screen);
		}
		if (learner != null) {
			learner.watchedBy(count);
		}
	}

	void detach(Viewer page) {
		Viewer learner;
		int count;
		synchronized (this) {
			if (viewer == page) {
				viewer = null;
				detachedAt = clock.instant();
				return;
			}
			if (!watchers.remove(page)) {
				return;
			}
			learner = viewer;
			count = watchers.size();
		}
		if (learner != null) {
			learner.watchedBy(count);
		}
	}

	synchronized int watcherCount() {
		return watchers.size();
	}

	/** Whether a learner's page shows the session now. */
	synchronized boolean attached() {
		return viewer != null;
	}

	private java.util.List<Viewer> showing() {
		var pages = new java.util.ArrayList<Viewer>(watchers.size() + 1);
		if (viewer != null) {
			pages.add(viewer);
		}
		pages.addAll(watchers);
		return pages;
	}

	/** Types on the terminal; each line the learner completes goes on the trail. */
	void type(String keys) throws IOException {
		synchronized (this) {
			lastUsed = clock.instant();
		}
		for (String line : typed.feed(keys)) {
			trail.record(runId, learnerId, "terminal", line, null);
		}
		shell.input().write(keys.getBytes(StandardCharsets.UTF_8));
		shell.input().flush();
	}

	void resize(int cols, int rows) throws IOException {
		shell.resize(cols, rows);
	}

	synchronized Instant lastUsed() {
		return lastUsed;
	}

	/** When the last page went away; null while one shows the session. */
	synchronized Instant detachedAt() {
		return detachedAt;
	}

	synchronized boolean ended() {
		return ended;
	}

	/** Ends the shell and tells the page why. */
	void end(String why) {
		java.util.List<Viewer> last;
		synchronized (this) {
			if (ended) {
				return;
			}
			ended = true;
			last = showing();
			viewer = null;
			watchers.clear();
		}
		shell.close();
		last.forEach(page -> page.end(why));
	}

	private void remember(byte[] bytes) {
		for (byte b : bytes) {
			replay[replayEnd] = b;
			replayEnd = (replayEnd + 1) % REPLAY_BYTES;
			replayFull |= replayEnd == 0;
		}
	}

	private byte[] replayed() {
		if (!replayFull) {
			return Arrays.copyOf(replay, replayEnd);
		}
		byte[] all = new byte[REPLAY_BYTES];
		System.arraycopy(replay, replayEnd, all, 0, REPLAY_BYTES - replayEnd);
		System.arraycopy(replay, 0, all, REPLAY_BYTES - replayEnd, replayEnd);
		return all;
	}

}
