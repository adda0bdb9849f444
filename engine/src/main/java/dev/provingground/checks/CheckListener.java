package dev.provingground.checks;

import dev.provingground.loadgen.LoadSample;
import dev.provingground.telemetry.TelemetrySample;

/** Follows a check run as it happens, for the live dashboard. */
public interface CheckListener {

	CheckListener NONE = new CheckListener() {
	};

	default void onLoadSample(String profile, LoadSample sample) {
	}

	default void onTelemetry(String profile, TelemetrySample sample) {
	}

	default void onVerdict(CheckVerdict verdict) {
	}

	/** The profile's failing window was noisy: it runs again once the host is calm. */
	default void onRerun(String profile, MeasuredConditions conditions) {
	}

}
