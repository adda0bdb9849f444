package dev.provingground.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * The learner's files of a run, for the browser editor, and the reference solution once it is theirs to read. The
 * workspace can be edited only while the learner works on the fix: once submitted, it is evidence.
 */
@Service
public class RunWorkspace {

	/** The editor edits source files, not data dumps. */
	static final int MAX_FILE_BYTES = 256 * 1024;

	private final ScenarioRuns runs;

	private final Workspaces workspaces;

	private final RunStacks stacks;

	RunWorkspace(ScenarioRuns runs, Workspaces workspaces, RunStacks stacks) {
		this.runs = runs;
		this.workspaces = workspaces;
		this.stacks = stacks;
	}

	/**
	 * The run's stack as the learner may use it: the app's entrypoint, each replica, and the database to connect to.
	 *
	 * @param state the stack's state ({@code PROVISIONING}, {@code READY}, ...), or {@code NONE} without a stack
	 */
	public record StackView(String state, String entrypoint, List<String> replicas, String database, String failure) {
	}

	public StackView stack(UUID runId, String learnerId) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		return stacks.describe(run)
			.map(stack -> new StackView(stack.state().name(),
					stack.entrypoint() == null ? null
							: "http://" + stack.entrypoint().host() + ":" + stack.entrypoint().port(),
					stack.replicas().stream().map(replica -> "app-" + replica.index() + " on port " + replica.port()).toList(),
					stack.database() == null ? null
							: stack.database().jdbcUrl() + " (user " + stack.database().user() + ")",
					stack.failure()))
			.orElse(new StackView("NONE", null, List.of(), null, null));
	}

	/** @param editable whether the editor may open it: text, and small enough */
	public record WorkspaceFile(String path, long size, boolean editable) {
	}

	public List<WorkspaceFile> files(UUID runId, String learnerId) {
		Path workspace = workspaces.of(runs.ownedBy(runId, learnerId).id());
		return Workspaces.files(workspace).stream().sorted().map(path -> {
			try {
				long size = Files.size(workspace.resolve(path));
				return new WorkspaceFile(path, size, size <= MAX_FILE_BYTES && text(workspace.resolve(path)) != null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).toList();
	}

	/** @throws InvalidRunRequestException for a path outside the workspace, a missing, binary or too large file */
	public String read(UUID runId, String learnerId, String path) {
		Path file = resolve(runs.ownedBy(runId, learnerId), path);
		if (!Files.isRegularFile(file)) {
			throw new InvalidRunRequestException("There is no file " + path + " in your workspace");
		}
		try {
			if (Files.size(file) > MAX_FILE_BYTES) {
				throw new InvalidRunRequestException(path + " is larger than " + MAX_FILE_BYTES / 1024
						+ " KiB; the editor opens source files only");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String content = text(file);
		if (content == null) {
			throw new InvalidRunRequestException(path + " is not a UTF-8 text file; the editor opens source files only");
		}
		return content;
	}

	/**
	 * Saves a file, creating it (and its folders) if new. Restart the app to run the change.
	 * @throws InvalidRunRequestException when the run is not in the fix loop, or for a bad path or content
	 */
	public void write(UUID runId, String learnerId, String path, String content) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		if (run.state() != RunState.WORKING && run.state() != RunState.PARKED) {
			throw new InvalidRunRequestException("The workspace can be edited only while you work on the fix; the run is "
					+ run.state().name().toLowerCase());
		}
		if (content == null) {
			throw new InvalidRunRequestException("Send the file's new content");
		}
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > MAX_FILE_BYTES) {
			throw new InvalidRunRequestException("A file may hold at most " + MAX_FILE_BYTES / 1024 + " KiB");
		}
		Path file = resolve(run, path);
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot save " + path, ex);
		}
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

	private Path resolve(ScenarioRun run, String path) {
		if (path == null || path.isBlank() || path.startsWith("/") || path.contains("\\")) {
			throw new InvalidRunRequestException("Give a file path relative to the workspace, such as src/server.js");
		}
		Path workspace = workspaces.of(run.id()).normalize();
		Path file = workspace.resolve(path).normalize();
		if (!file.startsWith(workspace) || file.equals(workspace) || path.split("/")[0].equals("node_modules")) {
			throw new InvalidRunRequestException(path + " is not a file of your workspace");
		}
		return file;
	}

	private static String text(Path file) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
