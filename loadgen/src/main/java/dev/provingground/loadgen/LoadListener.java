package dev.provingground.loadgen;

/** Receives a sample every second of a run. Called from the runner's own thread; keep it quick. */
@FunctionalInterface
public interface LoadListener {

	LoadListener NONE = sample -> {
	};

	void onSample(LoadSample sample);

}
