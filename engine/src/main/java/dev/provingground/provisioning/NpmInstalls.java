package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's npm dependencies, installed once per distinct {@code package.json} and lock file and shared by every
 * workspace that has the same ones, through a {@code node_modules} link. Only the scenario's own dependencies are
 * installed: a workspace whose {@code package.json} or lock file differs from the starter's is refused with a message
 * saying so, and no install runs a package's lifecycle scripts ({@code --ignore-scripts}). Learner code never runs
 * outside the sandbox, not even as an install step (docs/adr/0017-learner-sandbox.md).
 */
final class NpmInstalls {

	private static final Logger log = LoggerFactory.getLogger(NpmInstalls.class);

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private final Path installsDir;

	private final CacheEntries installs;

	private final String npm;

	NpmInstalls(Path cacheDir, String npm) {
		this.installsDir = cacheDir.resolve("npm");
		this.installs = new CacheEntries(installsDir);
		this.npm = npm;
	}

	/**
	 * Makes the workspace's {@code node_modules} point at an install of its dependencies, which must be the starter's.
	 * @param starter the scenario's starter folder, whose {@code package.json} and lock file the workspace must keep
	 */
	void link(Path workspace, Path starter) {
		Path manifest = workspace.resolve("package.json");
		requireStarterDependencies(workspace, starter);
		if (!Files.isRegularFile(manifest)) {
			return;
		}
		Path modules = workspace.resolve("node_modules");
		if (Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)) {
			return; // the learner installed their own
		}
		try {
			Path install = installFor(workspace);
			Files.deleteIfExists(modules);
			Files.createSymbolicLink(modules, install.resolve("node_modules"));
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Installing the app's npm dependencies failed: " + ex.getMessage(), ex);
		}
	}

	/** The install that the workspace's {@code node_modules} link points at, which its sandbox may read. */
	java.util.Optional<Path> installOf(Path workspace) {
		Path modules = workspace.resolve("node_modules");
		if (!Files.isSymbolicLink(modules)) {
			return java.util.Optional.empty();
		}
		try {
			// Only an install of ours: a link the learner pointed elsewhere must not open that place to the sandbox.
			Path real = modules.toRealPath();
			return real.startsWith(installsDir.toRealPath()) ? java.util.Optional.of(real) : java.util.Optional.empty();
		}
		catch (IOException ex) {
			return java.util.Optional.empty();
		}
	}

	/** The learner may change the code, not what the platform installs for it. */
	static void requireStarterDependencies(Path workspace, Path starter) {
		for (String file : List.of("package.json", "package-lock.json")) {
			Path theirs = workspace.resolve(file);
			Path ours = starter.resolve(file);
			try {
				boolean same = Files.isRegularFile(ours) ? Files.isRegularFile(theirs, LinkOption.NOFOLLOW_LINKS)
						&& Files.mismatch(theirs, ours) == -1 : !Files.exists(theirs, LinkOption.NOFOLLOW_LINKS);
				if (!same) {
					throw new StackProvisioningException("The workspace's " + file + " differs from the scenario's. "
							+ "Dependencies cannot be changed here: the platform installs the scenario's own, so that "
							+ "nothing a workspace names runs outside its sandbox. Restore " + file
							+ " (the scenario's is in the starter) and restart the app.");
				}
			}
			catch (IOException ex) {
				throw new StackProvisioningException("Cannot compare the workspace's " + file + " with the scenario's: "
						+ ex.getMessage(), ex);
			}
		}
	}

	private Path installFor(Path workspace) throws IOException {
		Path lockFile = workspace.resolve("package-lock.json");
		boolean locked = Files.isRegularFile(lockFile);
		String key = fingerprint(workspace.resolve("package.json"), locked ? lockFile : null);
		Path install = installsDir.resolve(key);
		return installs.makeOnce(key, () -> {
			StackDatabases.deleteRecursively(install);
			Files.createDirectories(install);
			Files.copy(workspace.resolve("package.json"), install.resolve("package.json"),
					StandardCopyOption.REPLACE_EXISTING);
			if (locked) {
				Files.copy(lockFile, install.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
			}
			run(install, locked ? List.of(npm, "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund")
					: List.of(npm, "install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"));
			Files.createDirectories(install.resolve("node_modules")); // an app without dependencies still gets one
		});
	}

	private void run(Path dir, List<String> command) throws IOException {
		long started = System.nanoTime();
		Path output = dir.resolve("npm.log");
		var process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("npm did not finish within " + INSTALL_TIMEOUT.toMinutes() + " minutes");
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted during npm install");
		}
		if (process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
					+ String.join("\n", OsProcesses.tail(output, 15)));
		}
		log.info("Installed npm dependencies in {} ({} ms)", dir, (System.nanoTime() - started) / 1_000_000);
	}

	private static String fingerprint(Path manifest, Path lockFile) throws IOException {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			digest.update(Files.readAllBytes(manifest));
			if (lockFile != null) {
				digest.update("\0lock\0".getBytes(StandardCharsets.UTF_8));
				digest.update(Files.readAllBytes(lockFile));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
