package dev.provingground.provisioning;

import java.util.UUID;

/**
 * Only the platform node that started a stack can restart its app, and this one did not (in a cluster, any node may run
 * a run's next job): the caller provisions a new stack from the same workspace instead.
 */
public class StackOnAnotherNodeException extends StackProvisioningException {

	public StackOnAnotherNodeException(UUID stackId) {
		super("Stack " + stackId + " was started by another platform node; provision a new one to resume the run");
	}

}
