package dev.provingground.diagnostics;

/** A request to a diagnostic tool that cannot be served, with what to do instead. */
class DiagnosticsException extends RuntimeException {

	DiagnosticsException(String message) {
		super(message);
	}

}
