package dev.provingground.loadgen;

/** A load profile that cannot run; the message says which setting is wrong and why. */
public class InvalidLoadProfileException extends IllegalArgumentException {

	public InvalidLoadProfileException(String message) {
		super(message);
	}

}
