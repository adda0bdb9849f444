package dev.provingground.load;

import java.time.Duration;

import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.StackProvisioner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Load services for tests outside a Spring context, with their measurement queue in the tests' platform database. */
public final class LoadFixtures {

	private LoadFixtures() {
	}

	public static LoadSettings settings(double capacityCpus) {
		return new LoadSettings(capacityCpus, 0.25, Duration.ofSeconds(30));
	}

	public static MeasurementQueue queue(LoadSettings settings) {
		var database = ProvisioningFixtures.platformDatabase();
		return new MeasurementQueue(JdbcClient.create(database), new DataSourceTransactionManager(database), settings);
	}

	/** A load service whose host takes measurements within this machine's default capacity. */
	public static LoadService service(StackProvisioner provisioner, LoadRunner runner) {
		return service(provisioner, runner, 0);
	}

	/** A load service whose host takes measurements within this capacity (0: this machine's default). */
	public static LoadService service(StackProvisioner provisioner, LoadRunner runner, double capacityCpus) {
		LoadSettings settings = settings(capacityCpus);
		return new LoadService(provisioner, runner, queue(settings), settings);
	}

}
