package dev.provingground.runs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.provingground.catalog.Scenario;
import dev.provingground.checks.CheckReport;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.provisioning.Stack;

/**
 * The stack work of a run: starting the stack from the workspace, load, restarts, checks and teardown. Everything
 * else a run does (state, attempts, hints, evidence) is bookkeeping around it. Runs use the provisioned stacks of
 * {@link ProvisionedRunStacks}; the engine-throughput benchmark swaps in its own, to measure the engine alone.
 */
public interface RunStacks {

	/**
	 * Starts the run's stack from its workspace and returns its id.
	 * @throws dev.provingground.provisioning.StackProvisioningException when a service cannot start
	 */
	UUID provision(ScenarioRun run, Scenario scenario, Path workspace);

	/** Runs one of the scenario's load profiles on the run's stack and waits for its report. */
	LoadReport runLoad(ScenarioRun run, Scenario scenario, String profile);

	/**
	 * Restarts the app from the workspace, with the replica count its {@code stack.yaml} asks for, and returns the id of
	 * the run's stack: a new one when the old one cannot be restarted from this platform node (ADR 0015).
	 */
	UUID restart(ScenarioRun run, Scenario scenario, Path workspace);

	/** Runs every check; {@code failuresSoFar} picks the next hints. */
	CheckReport runChecks(ScenarioRun run, Scenario scenario, Map<String, Integer> failuresSoFar);

	/** The last lines the app printed, to explain a failed restart. */
	String appLog(ScenarioRun run);

	/** Tears down every stack the run has had; nothing happens when there is none. */
	void tearDown(ScenarioRun run);

	/** The run's stack as it is now, for the run page: its state and endpoints. Empty when it has none. */
	Optional<Stack> describe(ScenarioRun run);

}
