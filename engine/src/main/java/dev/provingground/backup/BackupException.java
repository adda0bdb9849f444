package dev.provingground.backup;

/** A backup or restore that cannot be done, with what to do about it. */
public class BackupException extends RuntimeException {

	BackupException(String message) {
		super(message);
	}

	BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
