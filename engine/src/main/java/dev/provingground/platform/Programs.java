package dev.provingground.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Programs the platform runs on its host, found as the platform's {@code PATH} finds them. */
public final class Programs {

	private Programs() {
	}

	public static boolean onPath(String program) {
		return which(program).isPresent();
	}

	/**
	 * Where the platform's {@code PATH} finds a program (a path is taken as it is), with its links resolved: a sandbox
	 * sees the real file, not a link in a folder it does not have.
	 */
	public static Optional<Path> which(String program) {
		if (program.contains("/")) {
			return realExecutable(Path.of(program));
		}
		String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin") + ":/usr/sbin:/sbin";
		for (String dir : path.split(":")) {
			if (!dir.isEmpty()) {
				Optional<Path> found = realExecutable(Path.of(dir, program));
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<Path> realExecutable(Path file) {
		try {
			return Files.isExecutable(file) ? Optional.of(file.toRealPath()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
