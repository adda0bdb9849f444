package dev.provingground.provisioning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar archive to copy into a container: a folder (the app's workspace, with its linked {@code node_modules} copied
 * for real, since the container cannot follow a link into this machine's cache) or a few generated files.
 */
final class WorkspaceArchive {

	private WorkspaceArchive() {
	}

	/**
	 * The folder's files under {@code target}, a relative path in the container such as {@code workspace}. Links are
	 * left out, but for the {@code node_modules} link the platform made, so that no file of this machine outside the
	 * folder gets into the container.
	 */
	static byte[] of(Path folder, String target) throws IOException {
		var bytes = new ByteArrayOutputStream();
		try (var tar = open(bytes)) {
			add(tar, folder, target);
			Path modules = folder.resolve("node_modules");
			if (Files.isSymbolicLink(modules) && Files.isDirectory(modules)) {
				add(tar, modules.toRealPath(), target + "/node_modules");
			}
		}
		return bytes.toByteArray();
	}

	private static void add(TarArchiveOutputStream tar, Path folder, String target) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				String relative = folder.relativize(path).toString().replace('\\', '/');
				String name = relative.isEmpty() ? target : target + "/" + relative;
				if (Files.isSymbolicLink(path)) {
					continue;
				}
				var entry = new TarArchiveEntry(Files.isDirectory(path) ? name + "/" : name);
				if (Files.isDirectory(path)) {
					entry.setMode(0755);
					tar.putArchiveEntry(entry);
				}
				else {
					entry.setSize(Files.size(path));
					entry.setMode(Files.isExecutable(path) ? 0755 : 0644);
					tar.putArchiveEntry(entry);
					Files.copy(path, tar);
				}
				tar.closeArchiveEntry();
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/** These files, by their paths in the container relative to its root, with the folders they need. */
	static byte[] ofFiles(Map<String, String> files, String... folders) throws IOException {
		var bytes = new ByteArrayOutputStream();
		try (var tar = open(bytes)) {
			for (String folder : folders) {
				var entry = new TarArchiveEntry(folder.endsWith("/") ? folder : folder + "/");
				entry.setMode(0755);
				tar.putArchiveEntry(entry);
				tar.closeArchiveEntry();
			}
			for (var file : files.entrySet()) {
				byte[] content = file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
				var entry = new TarArchiveEntry(file.getKey());
				entry.setSize(content.length);
				entry.setMode(0644);
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static TarArchiveOutputStream open(ByteArrayOutputStream bytes) {
		var tar = new TarArchiveOutputStream(bytes);
		tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
		return tar;
	}

}
