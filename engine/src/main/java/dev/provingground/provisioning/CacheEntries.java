package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entries of a cache folder (seeded templates, npm installs) that are made once, by one thread of one platform process
 * at a time: threads queue on a lock per key in this process, then processes on a file lock. Both are needed, since
 * a process holds a file lock for all its threads and refuses a second one.
 */
final class CacheEntries {

	/** Makes the entry; a failure leaves it unmade, for the next caller to try again. */
	interface Maker {

		void make() throws Exception;

	}

	private final Path dir;

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	CacheEntries(Path dir) {
		this.dir = dir;
	}

	/**
	 * The entry's path, made first unless a {@code <key>.complete} marker says it was.
	 * @throws IOException when making it failed, with the maker's failure as its cause
	 */
	Path makeOnce(String key, Maker maker) throws IOException {
		Path entry = dir.resolve(key);
		Path complete = dir.resolve(key + ".complete");
		if (Files.exists(complete)) {
			return entry;
		}
		synchronized (locks.computeIfAbsent(key, k -> new Object())) {
			Files.createDirectories(dir);
			try (var channel = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); var lock = channel.lock()) {
				if (!Files.exists(complete)) {
					make(maker);
					Files.createFile(complete);
				}
			}
		}
		return entry;
	}

	private static void make(Maker maker) throws IOException {
		try {
			maker.make();
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

}
