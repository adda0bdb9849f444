package dev.provingground.load;

import java.util.UUID;

import dev.provingground.provisioning.StackState;

/** The stack exists and is the user's, but it is not running. */
public class StackNotReadyException extends RuntimeException {

	StackNotReadyException(UUID stackId, StackState state) {
		super("Stack " + stackId + " is " + state.name().toLowerCase() + ", not ready; "
				+ (state == StackState.PROVISIONING ? "wait until it is ready" : "restart it first"));
	}

}
