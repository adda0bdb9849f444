package dev.provingground.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.provingground.platform.Programs;
import dev.provingground.platform.StartupSummary;
import dev.provingground.provisioning.StackProvisioner;
import org.springframework.stereotype.Component;

/**
 * Whether each scenario can run on this platform's hosts: a stack with a load balancer needs nginx, every local stack
 * needs the sandbox's programs, and a check that derives fields needs its reference program's command here. Asked anew each time (the answer changes when an admin installs what is missing); the
 * catalog marks a scenario that cannot run, and the startup report lists them with what to install.
 */
@Component
public class ScenarioAvailability implements StartupSummary {

	private final ScenarioCatalog catalog;

	private final StackProvisioner provisioner;

	ScenarioAvailability(ScenarioCatalog catalog, StackProvisioner provisioner) {
		this.catalog = catalog;
		this.provisioner = provisioner;
	}

	/** Why the scenario cannot run here, with what to install; empty when it can. */
	public Optional<String> unavailableReason(Scenario scenario) {
		return provisioner.cannotRun(scenario.stack()).or(() -> missingCheckProgram(scenario));
	}

	private static Optional<String> missingCheckProgram(Scenario scenario) {
		return scenario.checks().stream()
			.filter(check -> check instanceof CheckSpec.HttpCheck http && http.derived() != null)
			.map(check -> ((CheckSpec.HttpCheck) check).derived().program().get(0))
			.filter(command -> !Programs.onPath(command))
			.findFirst()
			.map(command -> "Its correctness check needs '" + command + "' on the platform's host, and the PATH has none; "
					+ "install it (for Node.js: apt-get install nodejs)");
	}

	@Override
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		for (Scenario scenario : catalog.scenarios()) {
			unavailableReason(scenario).ifPresent(reason -> lines.add(
					"Unavailable:  scenario " + scenario.id() + ". " + reason));
		}
		return lines;
	}

}
