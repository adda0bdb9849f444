package dev.provingground.checks;

import java.time.Duration;

import dev.provingground.load.LoadFixtures;
import dev.provingground.load.LoadService;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;

/** Check services for tests outside a Spring context, with the noise guard as the platform configures it. */
final class CheckFixtures {

	/** The defaults of {@link NoiseSettings}. */
	static final NoiseSettings NOISE = new NoiseSettings(0.10, 0.10, 2, Duration.ofSeconds(20), 0.3, 1.25);

	private CheckFixtures() {
	}

	static CheckService service(StackProvisioner provisioner, LoadRunner runner, TelemetryService telemetry) {
		return service(provisioner, runner, telemetry, NOISE);
	}

	static CheckService service(StackProvisioner provisioner, LoadRunner runner, TelemetryService telemetry,
			NoiseSettings noise) {
		return service(LoadFixtures.service(provisioner, runner), provisioner, telemetry, noise);
	}

	static CheckService service(LoadService load, StackProvisioner provisioner, TelemetryService telemetry,
			NoiseSettings noise) {
		return new CheckService(load, telemetry, new NoiseGuard(provisioner, noise));
	}

}
