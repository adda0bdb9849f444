package dev.provingground.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's own secrets, one file each in {@code <data>/secrets}, readable by the platform's user alone (the
 * directory is 0700, each file 0600). A secret is made on first use and kept; nodes that share the data directory
 * share it. Learner processes never see the data directory, so they never see these files.
 */
public final class PlatformSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dir;

	public PlatformSecrets(Path dir) {
		this.dir = dir;
	}

	/** The secrets of a data directory. */
	public static PlatformSecrets of(PlatformSettings settings) {
		return new PlatformSecrets(settings.dataDirOf("secrets"));
	}

	/**
	 * The secret of this name, made of 32 random bytes (base64url) the first time it is asked for. An environment
	 * variable can supply it instead: {@code configured} wins when it is set.
	 */
	public String get(String name, String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured.strip();
		}
		if (!name.matches("[a-z0-9-]{1,64}")) {
			throw new IllegalArgumentException("Not a secret's name: " + name);
		}
		Path file = dir.resolve(name);
		try {
			if (!Files.isRegularFile(file)) {
				create(file);
			}
			String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (secret.isEmpty()) {
				throw new IllegalStateException("The secret file " + file + " is empty; remove it to make a new one");
			}
			return secret;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or create the secret " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Where the secret of this name is kept. */
	public Path file(String name) {
		return dir.resolve(name);
	}

	/** A value derived from a secret and a label (HMAC-SHA256, base64url): the same inputs give the same value. */
	public static String derive(String secret, String label) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void create(Path file) throws IOException {
		Files.createDirectories(dir);
		restrict(dir, "rwx------");
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".new");
		restrict(temp, "rw-------");
		Files.writeString(temp, secret + "\n", StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
		try {
			// A link is atomic and fails when another node made the secret first: then theirs is the one.
			Files.createLink(file, temp);
		}
		catch (FileAlreadyExistsException ex) {
			// made by another node meanwhile
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static void restrict(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: nothing to restrict with
		}
	}

}
