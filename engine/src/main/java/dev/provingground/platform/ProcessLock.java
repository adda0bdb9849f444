package dev.provingground.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a file that lasts as long as the process holding it: the kernel releases it when the process
 * ends, however it ends ({@code kill -9} included). Whoever takes it therefore knows that no live process holds it, and
 * that anything recorded under it was left by one that has died.
 */
public final class ProcessLock implements AutoCloseable {

	private final Path file;

	private final FileChannel channel;

	private final FileLock lock;

	private ProcessLock(Path file, FileChannel channel, FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	/** The lock, or empty when another live process (or this one, elsewhere) holds it. */
	public static Optional<ProcessLock> tryAcquire(Path file) {
		try {
			Files.createDirectories(file.getParent());
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			try {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					// Who holds it, for an operator who wonders: the file's content is never trusted.
					channel.truncate(0).write(ByteBuffer.wrap(
							(ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
					return Optional.of(new ProcessLock(file, channel, lock));
				}
			}
			catch (OverlappingFileLockException heldHere) {
				// fall through: held by this JVM
			}
			channel.close();
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the lock file " + file + ": " + ex.getMessage(), ex);
		}
	}

	public Path file() {
		return file;
	}

	@Override
	public void close() {
		try {
			lock.release();
			channel.close();
		}
		catch (IOException ex) {
			// The lock goes with the channel, or with the process at the latest.
		}
	}

}
