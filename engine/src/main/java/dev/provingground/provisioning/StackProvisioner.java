package dev.provingground.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts and stops scenario stacks. The local implementation runs processes on loopback; a Docker implementation
 * runs containers. Both pass the same contract suite.
 */
public interface StackProvisioner {

	/**
	 * The network that stacks' addresses come from, when they are not on loopback: addresses inside namespaces that this
	 * machine made, which traffic to never leaves it. Load may target it.
	 */
	default java.util.Optional<String> stackNetwork() {
		return java.util.Optional.empty();
	}

	/**
	 * Why a stack of this shape cannot run here (a program it needs is missing, or stacks cannot run at all), with what
	 * to install; empty when it can. The catalog marks such a scenario unavailable, and the startup report names it.
	 */
	Optional<String> cannotRun(StackSpec spec);

	/**
	 * Starts a stack and waits until every service is healthy.
	 * @return the ready stack
	 * @throws StackProvisioningException when a service cannot start; the stack is then {@code FAILED}, its
	 * processes are stopped, and the message says which service failed and why
	 */
	Stack provision(StackRequest request);

	/**
	 * Restarts the app from the workspace, after the learner changed it, with this many replicas (the balancer follows
	 * a changed count, on the same address), and waits until they are healthy.
	 */
	Stack restartApp(UUID stackId, int replicas);

	/** Stops every process of the stack and removes its database and files. Stopping a stopped stack does nothing. */
	void tearDown(UUID stackId);

	Optional<Stack> find(UUID stackId);

	/**
	 * The last lines a service printed: {@code database}, {@code balancer}, or {@code app-0}, {@code app-1}, ...; and
	 * {@code balancer-access}, the balancer's access log (local stacks; empty in Docker).
	 */
	List<String> tail(UUID stackId, String service, int lines);

	/**
	 * Starts a shell in the stack's sandbox, on a pseudo-terminal of {@code cols} by {@code rows}, with the stack's
	 * database preset for its read-only console role.
	 * @throws StackOnAnotherNodeException when the stack runs on another node
	 * @throws StackProvisioningException when it cannot start, or this provisioner has no shell
	 */
	StackShell openShell(UUID stackId, int cols, int rows);

	/** CPU time and memory of each app replica, for telemetry; empty when the stack is not running here. */
	List<ReplicaUsage> replicaUsage(UUID stackId);

	/**
	 * How many requests the balancer has passed to each replica since it started, by replica index; empty when the
	 * stack has no balancer.
	 */
	Map<Integer, Long> requestsPerReplica(UUID stackId);

	/**
	 * Marks the stack as measured (a load run or its checks) until the handle is closed: its services then get the CPU
	 * before stacks that are not measured, so that a neighbour's busy loop cannot stretch its latencies. Measurements of
	 * one stack may overlap; the mark goes with the last.
	 */
	Measurement measure(UUID stackId);

	/** An open measurement of a stack. */
	interface Measurement extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * Where this node's stacks run: the machine's host name for processes, the Docker daemon's id for containers.
	 * Stacks of one placement share its CPUs.
	 */
	String placement();

	/**
	 * How long the host's and the stack's tasks have waited for a CPU so far, and how long the stack's own ceilings held
	 * it back: two readings frame a measured window, to tell whether it was measured in clean conditions.
	 */
	CpuStall cpuStall(UUID stackId);

	/** The sum of the CPU ceilings of the stack's services: what a measurement of it may take from its host. */
	double cpuCeiling(UUID stackId);

	/** Records that the learner used the stack, which postpones the idle teardown. */
	void touch(UUID stackId);

	/**
	 * Tears down every stack of the run, whichever attempt or node started it: a job that failed after provisioning
	 * leaves a stack that the run's row does not name. What cannot be torn down from here, the reaper removes.
	 */
	void tearDownRun(String runId);

}
