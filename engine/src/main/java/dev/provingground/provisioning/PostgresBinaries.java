package dev.provingground.provisioning;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Where the PostgreSQL programs that come with the platform (Maven Central's embedded binaries) are unpacked. The
 * library unpacks them once per machine; stack databases run its {@code postgres} directly, inside their sandbox.
 */
final class PostgresBinaries {

	private static volatile Path dir;

	private PostgresBinaries() {
	}

	/** The directory holding {@code postgres}, {@code initdb} and {@code pg_ctl}, unpacked on first use. */
	static Path bin() {
		return home().resolve("bin");
	}

	private static volatile int major;

	/** The major version of the platform's PostgreSQL, such as 17, from {@code postgres --version}. */
	static int majorVersion() {
		if (major == 0) {
			try {
				Process version = new ProcessBuilder(bin().resolve("postgres").toString(), "--version")
					.redirectErrorStream(true)
					.start();
				String said = new String(version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				version.waitFor();
				var number = java.util.regex.Pattern.compile("\\) (\\d+)").matcher(said);
				major = number.find() ? Integer.parseInt(number.group(1)) : -1;
			}
			catch (java.io.IOException ex) {
				major = -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 0;
			}
		}
		return Math.max(major, 0);
	}

	/** The installation: {@code bin/}, {@code lib/}, {@code share/}. */
	static Path home() {
		Path found = dir;
		if (found == null) {
			synchronized (PostgresBinaries.class) {
				if (dir == null) {
					dir = unpack();
				}
				found = dir;
			}
		}
		return found;
	}

	/** The library keeps this step to itself; it is the one it uses before every start. */
	private static Path unpack() {
		try {
			Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries",
					io.zonky.test.db.postgres.embedded.PgBinaryResolver.class, File.class);
			prepare.setAccessible(true);
			return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new StackProvisioningException("Cannot unpack the PostgreSQL binaries: " + ex, ex);
		}
	}

}
