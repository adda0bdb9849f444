package dev.provingground.loadgen;

/**
 * Runs load. One runner is shared by the whole application; it owns the HTTP client and its threads.
 */
public final class LoadRunner implements AutoCloseable {

	/** Starts a run and returns at once. */
	public LoadRun start(LoadTarget target, LoadProfile profile, LoadListener listener) {
		throw new UnsupportedOperationException("not built yet");
	}

	/** Runs load and waits for the report. */
	public LoadReport run(LoadTarget target, LoadProfile profile, LoadListener listener) {
		return start(target, profile, listener).report().join();
	}

	@Override
	public void close() {
	}

}
