package dev.provingground.runs;

import java.util.List;
import java.util.UUID;

import dev.provingground.platform.FileChange;
import dev.provingground.platform.WorkspaceFiles;
import dev.provingground.provisioning.LimitHit;
import org.springframework.stereotype.Service;

/**
 * The learner's files of a run, for the browser editor, and the reference solution once it is theirs to read. The
 * workspace can be edited only while the learner works on the fix: once submitted, it is evidence.
 */
@Service
public class RunWorkspace {

	private final ScenarioRuns runs;

	private final Workspaces workspaces;

	private final RunStacks stacks;

	RunWorkspace(ScenarioRuns runs, Workspaces workspaces, RunStacks stacks) {
		this.runs = runs;
		this.workspaces = workspaces;
		this.stacks = stacks;
	}

	/**
	 * The run's stack as the learner may use it: the app's entrypoint, each replica, its database, and the ceilings
	 * its services ran into.
	 *
	 * @param state the stack's state ({@code PROVISIONING}, {@code READY}, ...), or {@code NONE} without a stack
	 * @param database the database's name; only the platform knows its superuser's password, the app gets its own role
	 * in {@code DATABASE_URL}
	 */
	public record StackView(String state, String entrypoint, List<String> replicas, String database, String failure,
			List<LimitHit> limitsHit) {
	}

	public StackView stack(UUID runId, String learnerId) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		return stacks.describe(run)
			.map(stack -> new StackView(stack.state().name(),
					stack.entrypoint() == null ? null
							: "http://" + stack.entrypoint().host() + ":" + stack.entrypoint().port(),
					stack.replicas().stream().map(replica -> "app-" + replica.index() + " on port " + replica.port()).toList(),
					stack.database() == null ? null
							: stack.database().databaseName() + " (your app connects with DATABASE_URL)",
					stack.failure(), stack.limitsHit()))
			.orElse(new StackView("NONE", null, List.of(), null, null, List.of()));
	}

	public List<WorkspaceFiles.WorkspaceFile> files(UUID runId, String learnerId) {
		return WorkspaceFiles.list(workspaces.of(runs.ownedBy(runId, learnerId).id()));
	}

	/** @throws WorkspaceFiles.InvalidFileException for a path outside the workspace, a missing, binary or too large file */
	public String read(UUID runId, String learnerId, String path) {
		return WorkspaceFiles.read(workspaces.of(runs.ownedBy(runId, learnerId).id()), path);
	}

	/**
	 * Saves a file, creating it (and its folders) if new. Restart the app to run the change.
	 * @throws InvalidRunRequestException when the run is not in the fix loop
	 * @throws WorkspaceFiles.InvalidFileException for a bad path or content
	 */
	public void write(UUID runId, String learnerId, String path, String content) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		if (run.state() != RunState.WORKING && run.state() != RunState.PARKED) {
			throw new InvalidRunRequestException("The workspace can be edited only while you work on the fix; the run is "
					+ run.state().name().toLowerCase());
		}
		WorkspaceFiles.write(workspaces.of(run.id()), path, content);
	}

	/**
	 * What the reference solution changes, once the checks passed or the learner gave up.
	 * @throws InvalidRunRequestException before then
	 */
	public List<FileChange> solution(UUID runId, String learnerId) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		if (!run.checksPassed() && !run.gaveUp()) {
			throw new InvalidRunRequestException("The solution is revealed once your checks pass, or when you give up");
		}
		var scenario = runs.scenarioOf(run);
		if (scenario.solution() == null) {
			return List.of();
		}
		return workspaces.solutionDiff(scenario);
	}

}
