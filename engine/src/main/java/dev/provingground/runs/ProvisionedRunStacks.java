package dev.provingground.runs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.provingground.catalog.Scenario;
import dev.provingground.checks.CheckListener;
import dev.provingground.checks.CheckReport;
import dev.provingground.checks.CheckService;
import dev.provingground.checks.CheckVerdict;
import dev.provingground.checks.MeasuredConditions;
import dev.provingground.load.LoadService;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.loadgen.LoadSample;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackOnAnotherNodeException;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.provisioning.StackRequest;
import dev.provingground.runs.LiveMetrics.Frame;
import dev.provingground.telemetry.TelemetryService;
import dev.provingground.telemetry.TelemetrySample;
import org.springframework.stereotype.Component;

/** Runs on real stacks, through the provisioning, load and checks modules. */
@Component
class ProvisionedRunStacks implements RunStacks {

	private final StackProvisioner provisioner;

	private final LoadService load;

	private final CheckService checks;

	private final TelemetryService telemetry;

	private final LiveMetrics live;

	private final RunSettings settings;

	ProvisionedRunStacks(StackProvisioner provisioner, LoadService load, CheckService checks, TelemetryService telemetry,
			LiveMetrics live, RunSettings settings) {
		this.provisioner = provisioner;
		this.load = load;
		this.checks = checks;
		this.telemetry = telemetry;
		this.live = live;
		this.settings = settings;
	}

	@Override
	public UUID provision(ScenarioRun run, Scenario scenario, Path workspace) {
		tearDown(run); // a retry or a resume: never two stacks for one run
		var request = new StackRequest(run.learnerId(), run.id().toString(), scenario.id(), scenario.version(),
				scenario.packageDir(), scenario.stackFor(workspace), workspace,
				// The process parks an idle run first; the reaper is the safety net for a stack the process lost.
				settings.idleAfter().multipliedBy(2));
		return provisioner.provision(request).id();
	}

	@Override
	public LoadReport runLoad(ScenarioRun run, Scenario scenario, String profile) {
		String phase = Scenario.BASELINE_PROFILE.equals(profile) ? "baseline" : "load:" + profile;
		Stack stack = load.readyStackOf(run.learnerId(), run.stackId());
		live.publish(run.id(), new Frame("phase", phase, Map.of("state", "started")));
		try (var recording = telemetry.record(stack, sample -> live.publish(run.id(), new Frame("telemetry", phase, sample)))) {
			return load.start(run.learnerId(), run.stackId(), scenario, profile,
					sample -> live.publish(run.id(), new Frame("load", phase, sample)))
				.report()
				.join();
		}
		finally {
			live.publish(run.id(), new Frame("phase", phase, Map.of("state", "ended")));
		}
	}

	@Override
	public UUID restart(ScenarioRun run, Scenario scenario, Path workspace) {
		// Not only a ready stack: after a restart whose app did not come up, the next one must bring it back.
		load.stackOf(run.learnerId(), run.stackId());
		try {
			provisioner.restartApp(run.stackId(), scenario.stackFor(workspace).app().replicas());
			return run.stackId();
		}
		catch (StackOnAnotherNodeException ex) {
			// In a cluster the restart job may run on any node: this one starts the run a new stack from the same
			// workspace, and provision tears the old one down first (ADR 0015).
			return provision(run, scenario, workspace);
		}
	}

	@Override
	public CheckReport runChecks(ScenarioRun run, Scenario scenario, Map<String, Integer> failuresSoFar) {
		String phase = "checks";
		live.publish(run.id(), new Frame("phase", phase, Map.of("state", "started")));
		try {
			return checks.run(run.learnerId(), run.stackId(), scenario, failuresSoFar, new CheckListener() {

				@Override
				public void onLoadSample(String profile, LoadSample sample) {
					live.publish(run.id(), new Frame("load", phase, sample));
				}

				@Override
				public void onTelemetry(String profile, TelemetrySample sample) {
					live.publish(run.id(), new Frame("telemetry", phase, sample));
				}

				@Override
				public void onVerdict(CheckVerdict verdict) {
					live.publish(run.id(), new Frame("verdict", phase, verdict));
				}

				@Override
				public void onRerun(String profile, MeasuredConditions conditions) {
					live.publish(run.id(), new Frame("rerun", phase, Map.of("profile", profile, "conditions", conditions)));
				}

			});
		}
		finally {
			live.publish(run.id(), new Frame("phase", phase, Map.of("state", "ended")));
		}
	}

	@Override
	public String appLog(ScenarioRun run) {
		return run.stackId() == null ? "" : String.join("\n", provisioner.tail(run.stackId(), "app-0", 30));
	}

	@Override
	public Optional<Stack> describe(ScenarioRun run) {
		return run.stackId() == null ? Optional.empty() : provisioner.find(run.stackId());
	}

	@Override
	public void tearDown(ScenarioRun run) {
		provisioner.tearDownRun(run.id().toString());
		live.forget(run.id());
	}

}
