package dev.provingground.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.provingground.catalog.Scenario;
import dev.provingground.platform.PlatformSettings;
import org.springframework.stereotype.Component;

/** Each run's copy of the scenario's app, under the data directory, and its diff against the starter. */
@Component
class Workspaces {

	/** Files larger than this are reported as changed, not diffed: a diff is evidence to read, not a copy. */
	static final long MAX_DIFFED_BYTES = 256 * 1024;

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
		var paths = new TreeSet<String>();
		paths.addAll(files(scenario.starterDir()));
		paths.addAll(files(of(runId)));
		return diff(scenario.starterDir(), of(runId), paths);
	}

	/** What the reference solution changes in the starter: the files of the solution folder. */
	List<FileChange> solutionDiff(Scenario scenario) {
		Path solution = scenario.packageDir().resolve(scenario.solution());
		return diff(scenario.starterDir(), solution, new TreeSet<>(files(solution)));
	}

	private static List<FileChange> diff(Path beforeDir, Path afterDir, Collection<String> paths) {
		List<FileChange> changes = new ArrayList<>();
		for (String path : paths) {
			Path before = beforeDir.resolve(path);
			Path after = afterDir.resolve(path);
			boolean existedBefore = Files.isRegularFile(before);
			boolean existsAfter = Files.isRegularFile(after);
			String change = !existedBefore ? "added" : !existsAfter ? "deleted" : "modified";
			try {
				if (existedBefore && existsAfter && Files.mismatch(before, after) == -1) {
					continue;
				}
				List<String> oldLines = lines(before, existedBefore);
				List<String> newLines = lines(after, existsAfter);
				if (oldLines == null || newLines == null) {
					changes.add(new FileChange(path, change, "(binary or larger than " + MAX_DIFFED_BYTES / 1024
							+ " KiB: not diffed)"));
					continue;
				}
				var patch = DiffUtils.diff(oldLines, newLines);
				String diff = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path,
						oldLines, patch, 3));
				changes.add(new FileChange(path, change, diff));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot diff " + path, ex);
			}
		}
		return changes;
	}

	private static List<String> lines(Path file, boolean exists) throws IOException {
		if (!exists) {
			return List.of();
		}
		if (Files.size(file) > MAX_DIFFED_BYTES) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString()
				.lines()
				.toList();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	static List<String> files(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile)
				.map(file -> dir.relativize(file).toString())
				.filter(path -> !path.startsWith("node_modules"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
