package dev.provingground.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/**
 * The text files of a learner's workspace folder, as the browser editor lists, reads and saves them. Paths are
 * relative to the folder and never leave it; {@code node_modules} is not the learner's to edit.
 */
public final class WorkspaceFiles {

	/** The editor edits source files and documents, not data dumps. */
	public static final int MAX_FILE_BYTES = 256 * 1024;

	/** A path or a content the editor refuses; nothing was read or written. */
	public static class InvalidFileException extends IllegalArgumentException {

		InvalidFileException(String message) {
			super(message);
		}

	}

	/** @param editable whether the editor may open it: UTF-8 text, and small enough */
	public record WorkspaceFile(String path, long size, boolean editable) {
	}

	private WorkspaceFiles() {
	}

	/** Every file under the folder, by path, {@code node_modules} left out. */
	public static List<String> paths(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile)
				.map(file -> folder.relativize(file).toString())
				.filter(path -> !path.startsWith("node_modules"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder, ex);
		}
	}

	public static List<WorkspaceFile> list(Path folder) {
		return paths(folder).stream().map(path -> {
			Path file = folder.resolve(path);
			long size = size(file);
			return new WorkspaceFile(path, size, size <= MAX_FILE_BYTES && text(file) != null);
		}).toList();
	}

	/** @throws InvalidFileException for a path outside the folder, or a missing, binary or too large file */
	public static String read(Path folder, String path) {
		Path file = resolve(folder, path);
		if (!Files.isRegularFile(file)) {
			throw new InvalidFileException("There is no file " + path + " in your workspace");
		}
		if (size(file) > MAX_FILE_BYTES) {
			throw new InvalidFileException(path + " is larger than " + MAX_FILE_BYTES / 1024
					+ " KiB; the editor opens text files only");
		}
		String content = text(file);
		if (content == null) {
			throw new InvalidFileException(path + " is not a UTF-8 text file; the editor opens text files only");
		}
		return content;
	}

	/**
	 * Saves a file, creating it and its folders if new.
	 * @throws InvalidFileException for a path outside the folder, or a missing or too large content
	 */
	public static void write(Path folder, String path, String content) {
		if (content == null) {
			throw new InvalidFileException("Send the file's new content");
		}
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > MAX_FILE_BYTES) {
			throw new InvalidFileException("A file may hold at most " + MAX_FILE_BYTES / 1024 + " KiB");
		}
		Path file = resolve(folder, path);
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot save " + path, ex);
		}
	}

	/** What changed from one folder to another, file by file, over the files of either, in path order. */
	public static List<FileChange> diff(Path before, Path after) {
		var paths = new TreeSet<String>(paths(before));
		paths.addAll(paths(after));
		return diff(before, after, paths);
	}

	/** What changed from one folder to another in the given files. */
	public static List<FileChange> diff(Path beforeDir, Path afterDir, Collection<String> paths) {
		List<FileChange> changes = new ArrayList<>();
		for (String path : new TreeSet<>(paths)) {
			Path before = beforeDir.resolve(path);
			Path after = afterDir.resolve(path);
			boolean existedBefore = Files.isRegularFile(before);
			boolean existsAfter = Files.isRegularFile(after);
			if (existedBefore && existsAfter && same(before, after)) {
				continue;
			}
			String change = !existedBefore ? "added" : !existsAfter ? "deleted" : "modified";
			List<String> oldLines = lines(before, existedBefore);
			List<String> newLines = lines(after, existsAfter);
			if (oldLines == null || newLines == null) {
				changes.add(new FileChange(path, change, "(binary or larger than " + MAX_FILE_BYTES / 1024
						+ " KiB: not diffed)"));
				continue;
			}
			var patch = DiffUtils.diff(oldLines, newLines);
			changes.add(new FileChange(path, change, String.join("\n",
					UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, oldLines, patch, 3))));
		}
		return changes;
	}

	private static boolean same(Path one, Path other) {
		try {
			return Files.mismatch(one, other) == -1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot compare " + one + " with " + other, ex);
		}
	}

	/** A file's lines; none when it does not exist, null when it is binary or too large to diff. */
	private static List<String> lines(Path file, boolean exists) {
		if (!exists) {
			return List.of();
		}
		if (size(file) > MAX_FILE_BYTES) {
			return null;
		}
		String text = text(file);
		return text == null ? null : text.lines().toList();
	}

	/** The file's text when it is valid UTF-8, else null. */
	public static String text(Path file) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static Path resolve(Path folder, String path) {
		if (path == null || path.isBlank() || path.startsWith("/") || path.contains("\\")) {
			throw new InvalidFileException("Give a file path relative to the workspace, such as src/server.js");
		}
		Path root = folder.normalize();
		Path file = root.resolve(path).normalize();
		if (!file.startsWith(root) || file.equals(root) || path.split("/")[0].equals("node_modules")) {
			throw new InvalidFileException(path + " is not a file of your workspace");
		}
		return file;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
