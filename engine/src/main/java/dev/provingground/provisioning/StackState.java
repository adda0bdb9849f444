package dev.provingground.provisioning;

/** provisioning → ready | failed → stopped. */
public enum StackState {

	PROVISIONING, READY, FAILED, STOPPED

}
