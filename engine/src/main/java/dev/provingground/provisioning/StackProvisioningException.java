package dev.provingground.provisioning;

/** A stack could not be started, stopped or found; the message is meant for the learner and the admin. */
public class StackProvisioningException extends RuntimeException {

	public StackProvisioningException(String message) {
		super(message);
	}

	public StackProvisioningException(String message, Throwable cause) {
		super(message, cause);
	}

}
