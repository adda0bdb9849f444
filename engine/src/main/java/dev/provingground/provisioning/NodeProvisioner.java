package dev.provingground.provisioning;

/** A provisioner as the reaper sees it: where its stacks run, which platform node it is, and what it can clean up. */
interface NodeProvisioner extends StackProvisioner {

	/** This platform node, whose heartbeats vouch for the stacks it started. */
	String nodeId();

	/**
	 * Removes what a crash left without a stack to own it (the records are the reaper's main guide, but a crash can
	 * leave things behind them); returns how many.
	 */
	int removeLeftovers();

	/**
	 * Looks at what this node's stacks have used: records each ceiling a service ran into since the last look, for the
	 * learner, and stops a database that outgrew its disk limit. Runs with every heartbeat.
	 */
	void watchLimits();

}
