package dev.provingground.loadgen;

public enum LoadModel {

	/** A constant arrival rate, whatever the target's latency. */
	OPEN,

	/** A fixed number of users, each sending its next request when the previous one answered. */
	CLOSED

}
