package dev.provingground.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port, whose answers (status, delay) each test decides. It records
 * what it saw: requests, paths, bodies, and the most requests it handled at once.
 */
final class TestServer implements AutoCloseable {

	static {
		// The JDK server writes headers and body separately; with Nagle on, delayed ACKs add ~40 ms to some answers.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	/** Decides the answer to the n-th request (from 1); may sleep to inject latency. Returns the status. */
	@FunctionalInterface
	interface Behaviour {

		int answer(String path, long n) throws InterruptedException;

	}

	record Seen(String method, String rawPath, String contentType, String body) {
	}

	private final HttpServer server;

	/** A thread per concurrent request, reused: the server itself never queues requests (that would be its latency). */
	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicInteger concurrent = new AtomicInteger();

	private final AtomicInteger maxConcurrent = new AtomicInteger();

	private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

	TestServer(Behaviour behaviour) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
		server.setExecutor(threads);
		server.createContext("/", exchange -> {
			int now = concurrent.incrementAndGet();
			maxConcurrent.accumulateAndGet(now, Math::max);
			boolean counted = true;
			try (exchange; InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				String path = exchange.getRequestURI().getRawPath();
				seen.add(new Seen(exchange.getRequestMethod(), path,
						exchange.getRequestHeaders().getFirst("Content-Type"), body));
				int status = behaviour.answer(path, requests.incrementAndGet());
				// Not busy any more before answering: the client may send its next request as soon as it reads this.
				concurrent.decrementAndGet();
				counted = false;
				byte[] reply = "ok".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, reply.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				if (counted) {
					concurrent.decrementAndGet();
				}
			}
		});
		server.start();
	}

	LoadTarget target() {
		return new LoadTarget("127.0.0.1", server.getAddress().getPort());
	}

	long requests() {
		return requests.get();
	}

	int maxConcurrent() {
		return maxConcurrent.get();
	}

	List<Seen> seen() {
		return List.copyOf(seen);
	}

	long seen(String path) {
		return seen.stream().filter(request -> request.rawPath().equals(path)).count();
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

}
