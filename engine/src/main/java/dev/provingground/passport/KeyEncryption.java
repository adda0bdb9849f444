package dev.provingground.passport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the signing keys' private halves at rest (AES-256-GCM) with a key that is not in the database: a database
 * dump alone cannot sign a credential. The key comes from a platform secret (a file readable by the platform alone, or
 * a configured value).
 */
final class KeyEncryption {

	/** What an encrypted value starts with; a value without it is a key stored before encryption, read as it is. */
	static final String PREFIX = "aes-gcm:v1:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	KeyEncryption(String secret) {
		try {
			this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
				.digest(("passport-signing-key\0" + secret).getBytes(StandardCharsets.UTF_8)), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String encrypt(String plain) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt the signing key", ex);
		}
	}

	static boolean isEncrypted(String stored) {
		return stored.startsWith(PREFIX);
	}

	String decrypt(String stored) {
		if (!isEncrypted(stored)) {
			return stored;
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
			return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("The passport signing key cannot be decrypted: the key secret "
					+ "(<data>/secrets/passport-key or PROVINGGROUND_PASSPORT_KEY_SECRET) is not the one it was "
					+ "encrypted with", ex);
		}
	}

}
