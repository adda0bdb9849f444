package dev.provingground.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.provingground.catalog.Scenario;
import dev.provingground.platform.FileChange;
import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.WorkspaceFiles;
import org.springframework.stereotype.Component;

/** Each run's copy of the scenario's app, under the data directory, and its diff against the starter. */
@Component
class Workspaces {

	private final Path root;

	Workspaces(PlatformSettings platform) {
		this.root = platform.dataDirOf("workspaces");
	}

	Path of(UUID runId) {
		return root.resolve(runId.toString());
	}

	Path create(UUID runId, Scenario scenario) {
		Path workspace = of(runId);
		try {
			Files.createDirectories(workspace);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the workspace " + workspace, ex);
		}
		scenario.copyStarterTo(workspace);
		return workspace;
	}

	/** What the learner changed, file by file, in path order. {@code node_modules} is not the learner's code. */
	List<FileChange> diff(UUID runId, Scenario scenario) {
		return WorkspaceFiles.diff(scenario.starterDir(), of(runId));
	}

	/** What the reference solution changes in the starter: the files of the solution folder. */
	List<FileChange> solutionDiff(Scenario scenario) {
		Path solution = scenario.packageDir().resolve(scenario.solution());
		return WorkspaceFiles.diff(scenario.starterDir(), solution, WorkspaceFiles.paths(solution));
	}

}
