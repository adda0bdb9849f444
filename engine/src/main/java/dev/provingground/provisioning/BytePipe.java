package dev.provingground.provisioning;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A one-way pipe of bytes between any threads. The JDK's piped streams are tied to the threads that last used them and
 * fail once such a thread ends, which a server's pooled threads and a Docker client's callbacks do at any time. A
 * writer waits while {@value #CHUNKS} chunks are unread; the reader sees the end once the writer closed.
 */
final class BytePipe {

	private static final int CHUNKS = 256;

	private static final byte[] END = new byte[0];

	private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>(CHUNKS);

	private volatile boolean closed;

	private final OutputStream writer = new OutputStream() {

		@Override
		public void write(int b) throws InterruptedIOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws InterruptedIOException {
			if (closed) {
				throw new InterruptedIOException("The pipe is closed");
			}
			if (length > 0) {
				put(Arrays.copyOfRange(bytes, offset, offset + length));
			}
		}

		@Override
		public void close() {
			BytePipe.this.close();
		}

	};

	private final InputStream reader = new InputStream() {

		private byte[] current = new byte[0];

		private int position;

		@Override
		public int read() throws InterruptedIOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] into, int offset, int length) throws InterruptedIOException {
			if (length == 0) {
				return 0;
			}
			while (position == current.length) {
				if (current == END) {
					return -1;
				}
				try {
					current = chunks.take();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("Interrupted while reading the pipe");
				}
				position = 0;
			}
			int count = Math.min(length, current.length - position);
			System.arraycopy(current, position, into, offset, count);
			position += count;
			return count;
		}

		@Override
		public void close() {
			BytePipe.this.close();
		}

	};

	OutputStream writer() {
		return writer;
	}

	InputStream reader() {
		return reader;
	}

	/** Ends the pipe: the reader reads what was written, then the end; a writer is refused from now on. */
	void close() {
		if (closed) {
			return;
		}
		closed = true;
		// Makes room for the end when nobody reads any more, so that close never waits.
		while (!chunks.offer(END)) {
			chunks.poll();
		}
	}

	private void put(byte[] chunk) throws InterruptedIOException {
		try {
			chunks.put(chunk);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while writing to the pipe");
		}
	}

}
