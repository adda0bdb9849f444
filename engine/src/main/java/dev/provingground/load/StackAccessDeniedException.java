package dev.provingground.load;

import java.util.UUID;

/** Someone asked to use a stack that is not theirs, or that does not exist. */
public class StackAccessDeniedException extends RuntimeException {

	StackAccessDeniedException(UUID stackId, String userId) {
		super("Stack " + stackId + " does not exist or does not belong to " + userId
				+ "; you can only send load to your own stacks");
	}

}
