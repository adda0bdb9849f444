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
 * workspace that has the same ones, through a {@code node_modules} link.
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

	/** Makes the workspace's {@code node_modules} point at an install of its dependencies. */
	void link(Path workspace) {
		Path manifest = workspace.resolve("package.json");
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
			run(install, locked ? List.of(npm, "ci", "--omit=dev", "--no-audit", "--no-fund")
					: List.of(npm, "install", "--omit=dev", "--no-audit", "--no-fund"));
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
