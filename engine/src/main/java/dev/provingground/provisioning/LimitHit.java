package dev.provingground.provisioning;

import java.time.Instant;

/**
 * A ceiling that one of a stack's services ran into, in words for the learner: the platform enforces it, and the
 * learner must know that it did, or a killed replica looks like a bug in their fix.
 *
 * @param service {@code database}, {@code balancer} or {@code app-N}
 * @param limit {@code memory}, {@code processes} or {@code disk}
 * @param message what happened, as a sentence that names the limit and its size
 * @param at when the platform last found it
 */
public record LimitHit(String service, String limit, String message, Instant at) {

	static final String MEMORY = "memory";

	static final String PROCESSES = "processes";

	static final String DISK = "disk";

	static String memoryMessage(String service, long megabytes) {
		return service + " was killed for using more than its memory limit of " + megabytes + " MB";
	}

	static String processesMessage(String service, long pids) {
		return service + " tried to run more than its limit of " + pids + " processes and threads; the extra ones "
				+ "were refused";
	}

	static String diskMessage(long megabytes) {
		return "The database was stopped: the stack's data grew past its disk limit of " + megabytes
				+ " MB. Start a new run to get a fresh database";
	}

}
