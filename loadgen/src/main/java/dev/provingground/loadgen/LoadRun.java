package dev.provingground.loadgen;

import java.util.concurrent.CompletableFuture;

/** A run in progress. */
public interface LoadRun {

	/** Completes with the report when the run ends, however it ends. */
	CompletableFuture<LoadReport> report();

	/** Stops the run early; its report then says it was cut short, with this reason. */
	void cancel(String reason);

}
