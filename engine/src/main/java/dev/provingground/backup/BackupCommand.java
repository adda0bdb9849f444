package dev.provingground.backup;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./run backup TARGET} and {@code ./run restore BACKUP}: the data directory is {@code PROVINGGROUND_DATA_DIR}, or
 * {@code ./data}, as for the platform itself. Exits 0 when done, 1 with a plain message when not, 2 on a usage error.
 */
public final class BackupCommand {

	private static final String USAGE = """
			Usage:
			  ./run backup TARGET    copy the installation in PROVINGGROUND_DATA_DIR (default ./data) to the new directory
			                         TARGET, consistently, while the platform runs or while it is stopped
			  ./run restore BACKUP   restore a backup into PROVINGGROUND_DATA_DIR, which must be empty or absent""";

	private BackupCommand() {
	}

	public static void main(String[] args) {
		if (args.length != 2 || !(args[0].equals("backup") || args[0].equals("restore"))) {
			System.err.println(USAGE);
			System.exit(2);
		}
		String configured = System.getenv("PROVINGGROUND_DATA_DIR");
		Path dataDir = Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath().normalize();
		Path other = Path.of(args[1]).toAbsolutePath().normalize();
		try {
			if (args[0].equals("backup")) {
				var backup = InstallationBackup.of(dataDir).to(other);
				System.out.println("Backed up " + dataDir + " to " + other + " (" + backup + ")");
			}
			else {
				InstallationBackup.restore(other, dataDir);
				System.out.println("Restored " + other + " into " + dataDir + ". Start the platform on it ("
						+ "PROVINGGROUND_DATA_DIR=" + dataDir + " ./run): PostgreSQL replays its write-ahead log to the "
						+ "end of the backup, and the search index is rebuilt from PostgreSQL.");
			}
		}
		catch (BackupException ex) {
			System.err.println(args[0] + " failed: " + ex.getMessage());
			System.exit(1);
		}
		catch (RuntimeException ex) {
			System.err.println(args[0] + " failed: " + ex);
			Arrays.stream(ex.getStackTrace()).limit(8).forEach(frame -> System.err.println("  at " + frame));
			System.exit(1);
		}
	}

}
