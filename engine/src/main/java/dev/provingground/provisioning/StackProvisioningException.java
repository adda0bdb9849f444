package dev.provingground.provisioning;

/** A stack could not be started, stopped or found; the message is meant for the learner and the admin. */
public class StackProvisioningException extends RuntimeException {

	public StackProvisioningException(String message) {
		super(message);
	}

	public StackProvisioningException(String message, Throwable cause) {
		super(message, cause);
	}

	/** What a learner reads when {@code what} failed with this exception: its own message when it has one for them. */
	static String describe(String what, Exception ex) {
		return ex instanceof StackProvisioningException ? ex.getMessage()
				: what + " failed: " + StackDatabases.rootMessage(ex);
	}

}
