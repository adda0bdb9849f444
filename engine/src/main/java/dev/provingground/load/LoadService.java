package dev.provingground.load;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.provingground.catalog.Scenario;
import dev.provingground.loadgen.LoadListener;
import dev.provingground.loadgen.LoadProfile;
import dev.provingground.loadgen.LoadRun;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.loadgen.LoadTarget;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.provisioning.StackState;
import org.springframework.stereotype.Service;

/**
 * Starts load runs on learners' stacks. The target is always the stack's own entrypoint. Every load run is a
 * measurement: it waits its turn in the {@link MeasurementQueue}, and while it runs its stack gets the CPUs first
 * ({@link StackProvisioner#measure}).
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(LoadSettings.class)
public class LoadService {

	private final StackProvisioner provisioner;

	private final LoadRunner runner;

	private final MeasurementQueue queue;

	private final LoadSettings settings;

	private final HostSpeed hostSpeed = new HostSpeed();

	/** The stacks this node measures now, and how many admissions of each are open (a check run's load runs share it). */
	private final Map<UUID, Integer> measuring = new ConcurrentHashMap<>();

	public LoadService(StackProvisioner provisioner, LoadRunner runner, MeasurementQueue queue, LoadSettings settings) {
		this.provisioner = provisioner;
		this.runner = runner;
		this.queue = queue;
		this.settings = settings;
	}

	/**
	 * Waits for the stack's turn to be measured, then marks it measured until the admission is closed. Load runs on the
	 * stack meanwhile share the admission, so the load runs of one check run are measured as one.
	 * @param expected how long the measurement takes, for the estimates of those who wait behind it
	 * @throws MeasurementCancelledException when the learner cancelled it while it waited
	 */
	public MeasurementQueue.Admission admit(Stack stack, Duration expected) {
		if (measuring.computeIfPresent(stack.id(), (id, open) -> open + 1) != null) {
			return () -> release(stack.id(), null, null);
		}
		var admission = queue.enter(provisioner.placement(), stack.id(), stack.runId(),
				provisioner.cpuCeiling(stack.id()) + settings.loadGeneratorCpus(), expected);
		StackProvisioner.Measurement measured;
		try {
			measured = provisioner.measure(stack.id());
		}
		catch (RuntimeException ex) {
			admission.close();
			throw ex;
		}
		measuring.merge(stack.id(), 1, Integer::sum);
		return new MeasurementQueue.Admission() {

			@Override
			public Duration waited() {
				return admission.waited();
			}

			@Override
			public void close() {
				release(stack.id(), admission, measured);
			}

		};
	}

	private void release(UUID stackId, MeasurementQueue.Admission admission, StackProvisioner.Measurement measured) {
		measuring.computeIfPresent(stackId, (id, open) -> open == 1 ? null : open - 1);
		if (admission != null) {
			measured.close();
			admission.close();
		}
	}

	/**
	 * Starts one of the scenario's load profiles on the user's stack, with placeholder values drawn from its data.
	 * @throws StackAccessDeniedException when the stack is not the user's
	 * @throws StackNotReadyException when it is not running
	 * @throws IllegalArgumentException when the scenario has no such profile
	 */
	public LoadRun start(String userId, UUID stackId, Scenario scenario, String profileName, LoadListener listener) {
		var spec = scenario.loadProfiles().get(profileName);
		if (spec == null) {
			throw new IllegalArgumentException("Scenario " + scenario.id() + " has no load profile '" + profileName
					+ "'; it has " + scenario.loadProfiles().keySet());
		}
		Stack stack = readyStackOf(userId, stackId);
		// The values are drawn, and the host's speed read, in the stack's turn: a stack that waits shares a CPU with
		// every other waiting stack.
		return start(stack, spec.warmUp().plus(spec.duration()),
				() -> spec.toProfile(StackData.drawVariables(stack, scenario.variables(), new Random()),
						hostSpeed.rateOf(stack.id(), scenario.id(), scenario.packageDir(), profileName, spec)),
				listener);
	}

	/**
	 * The host's speed before and after the stack's last load run, read again now, when that run's rate followed it
	 * (ADR 0026); empty for a fixed rate. Call it once the run has ended, before the stack's next run starts.
	 */
	public Optional<SpeedDuringLoad> speedAroundLastRun(UUID stackId) {
		return hostSpeed.readAgain(stackId);
	}

	/** Starts a profile on the user's stack. */
	public LoadRun start(String userId, UUID stackId, LoadProfile profile, LoadListener listener) {
		return start(readyStackOf(userId, stackId), profile.warmUp().plus(profile.duration()), () -> profile, listener);
	}

	/**
	 * The user's stack, ready to be used.
	 * @throws StackAccessDeniedException when it is not theirs (or does not exist: the two are not told apart)
	 * @throws StackNotReadyException when it is not running
	 */
	public Stack readyStackOf(String userId, UUID stackId) {
		Stack stack = stackOf(userId, stackId);
		if (stack.state() != StackState.READY) {
			throw new StackNotReadyException(stackId, stack.state());
		}
		return stack;
	}

	/**
	 * The user's stack, in whatever state it is: a restart may bring back one whose app failed.
	 * @throws StackAccessDeniedException when it is not theirs (or does not exist: the two are not told apart)
	 */
	public Stack stackOf(String userId, UUID stackId) {
		return provisioner.find(stackId)
			.filter(found -> found.ownerId().equals(userId))
			.orElseThrow(() -> new StackAccessDeniedException(stackId, userId));
	}

	/** The run waits for its admission, and is measured from its start until its report is in. */
	private LoadRun start(Stack stack, Duration expected, Supplier<LoadProfile> profile, LoadListener listener) {
		provisioner.touch(stack.id());
		var admission = admit(stack, expected);
		try {
			LoadRun run = runner.start(new LoadTarget(stack.entrypoint().host(), stack.entrypoint().port(),
					provisioner.stackNetwork().orElse(null)), profile.get(), listener);
			run.report().whenComplete((report, failure) -> admission.close());
			return run;
		}
		catch (RuntimeException ex) {
			admission.close();
			throw ex;
		}
	}

}
