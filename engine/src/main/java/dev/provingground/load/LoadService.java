package dev.provingground.load;

import java.util.UUID;

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

/** Starts load runs on learners' stacks. The target is always the stack's own entrypoint. */
@Service
public class LoadService {

	private final StackProvisioner provisioner;

	private final LoadRunner runner;

	public LoadService(StackProvisioner provisioner, LoadRunner runner) {
		this.provisioner = provisioner;
		this.runner = runner;
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
		LoadProfile profile = spec.toProfile(StackData.drawVariables(stack, scenario.variables()));
		return start(stack, profile, listener);
	}

	/** Starts a profile on the user's stack. */
	public LoadRun start(String userId, UUID stackId, LoadProfile profile, LoadListener listener) {
		return start(readyStackOf(userId, stackId), profile, listener);
	}

	/**
	 * The user's stack, ready to be used.
	 * @throws StackAccessDeniedException when it is not theirs (or does not exist: the two are not told apart)
	 * @throws StackNotReadyException when it is not running
	 */
	public Stack readyStackOf(String userId, UUID stackId) {
		Stack stack = provisioner.find(stackId)
			.filter(found -> found.ownerId().equals(userId))
			.orElseThrow(() -> new StackAccessDeniedException(stackId, userId));
		if (stack.state() != StackState.READY) {
			throw new StackNotReadyException(stackId, stack.state());
		}
		return stack;
	}

	/** The stack is measured from the start of the run until its report is in (see StackProvisioner.measure). */
	private LoadRun start(Stack stack, LoadProfile profile, LoadListener listener) {
		provisioner.touch(stack.id());
		var measured = provisioner.measure(stack.id());
		try {
			LoadRun run = runner.start(new LoadTarget(stack.entrypoint().host(), stack.entrypoint().port(),
					provisioner.stackNetwork().orElse(null)), profile, listener);
			run.report().whenComplete((report, failure) -> measured.close());
			return run;
		}
		catch (RuntimeException ex) {
			measured.close();
			throw ex;
		}
	}

}
