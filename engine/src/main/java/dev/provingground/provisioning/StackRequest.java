package dev.provingground.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A stack for one run of one learner.
 *
 * @param ownerId the learner whose stack it is; only they may send it load
 * @param runId the run (process instance) it belongs to
 * @param scenarioId the scenario package
 * @param scenarioVersion the package's content fingerprint: seed data and npm installs are cached per version
 * @param packageDir the scenario package folder, for the seed files
 * @param workspace the run's copy of the app, which the replicas start from
 * @param idleLimit how long the stack may go without activity before the reaper tears it down
 */
public record StackRequest(String ownerId, String runId, String scenarioId, String scenarioVersion, Path packageDir,
		StackSpec spec, Path workspace, Duration idleLimit) {

	public StackRequest {
		Objects.requireNonNull(ownerId, "ownerId");
		Objects.requireNonNull(scenarioId, "scenarioId");
		Objects.requireNonNull(scenarioVersion, "scenarioVersion");
		Objects.requireNonNull(packageDir, "packageDir");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(workspace, "workspace");
		Objects.requireNonNull(idleLimit, "idleLimit");
	}

	/** Fails unless a stack can start from this request: the workspace exists and at least one replica runs. */
	void requireStartable() {
		if (!java.nio.file.Files.isDirectory(workspace)) {
			throw new StackProvisioningException("The workspace " + workspace + " does not exist");
		}
		if (spec.app().replicas() < 1) {
			throw new StackProvisioningException("A stack needs at least one app replica");
		}
	}

}
