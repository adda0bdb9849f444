package dev.provingground.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.transport.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A real single-node OpenSearch cluster inside the platform's JVM, reachable over HTTP on loopback only. The
 * application talks to it through opensearch-java exactly as it would to an external cluster.
 * <p>
 * The node takes several seconds to start, so it starts in the background while the rest of the platform starts, and
 * the application context does not finish starting until the node is up.
 */
final class EmbeddedOpenSearchNode implements SmartLifecycle, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedOpenSearchNode.class);

	static {
		// Netty is shared with other libraries in this JVM; OpenSearch must not try to set its processor count globally.
		System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
	}

	private final Path home;

	private final String url;

	private final CompletableFuture<Node> node;

	private EmbeddedOpenSearchNode(Path home, int httpPort) {
		this.home = home;
		this.url = "http://127.0.0.1:" + httpPort;
		this.node = CompletableFuture.supplyAsync(() -> startNode(home, httpPort),
				task -> new Thread(task, "opensearch-start").start());
	}

	static EmbeddedOpenSearchNode startInBackground(Path home) {
		return new EmbeddedOpenSearchNode(home, freeLoopbackPort());
	}

	private static Node startNode(Path home, int httpPort) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(home.resolve("config"));
			Settings settings = Settings.builder()
				.put("cluster.name", "provingground")
				.put("node.name", "provingground-embedded")
				.put("path.home", home.toString())
				.put("path.data", home.resolve("data").toString())
				.put("path.logs", home.resolve("logs").toString())
				.put("discovery.type", "single-node")
				.put("network.host", "127.0.0.1")
				.put("http.port", httpPort)
				.put("transport.port", "0")
				.put("http.type", "netty4")
				.put("transport.type", "netty4")
				// The platform shares its disk with everything else; don't turn indices read-only at 95%.
				.put("cluster.routing.allocation.disk.threshold_enabled", false)
				.put("action.auto_create_index", false)
				.build();
			var environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"),
					() -> "provingground-embedded");
			Node node = new PluginNode(environment).start();
			log.info("Embedded OpenSearch on 127.0.0.1:{} with data in {} ({} ms)", httpPort, home,
					(System.nanoTime() - started) / 1_000_000);
			return node;
		}
		catch (IOException | NodeValidationException ex) {
			throw new IllegalStateException("Could not start the embedded OpenSearch node in " + home + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** A port nothing listens on now. Picked before the start, so that the client knows the URL at once. */
	private static int freeLoopbackPort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port for the embedded OpenSearch node", ex);
		}
	}

	String url() {
		return url;
	}

	Path home() {
		return home;
	}

	/** Waits for the node, and turns a failed start into a startup failure of the platform. */
	@Override
	public void start() {
		try {
			node.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
	}

	@Override
	public boolean isRunning() {
		return node.isDone() && !node.isCompletedExceptionally();
	}

	@Override
	public void stop() {
		// Closed with the bean, after the clients that use it.
	}

	@Override
	public void close() throws IOException, InterruptedException {
		Node started;
		try {
			started = node.join(); // a start still under way must finish, or its threads and files would outlive us
		}
		catch (CompletionException failedToStart) {
			return;
		}
		started.close();
		started.awaitClose(30, TimeUnit.SECONDS);
	}

	/** The public Node constructor loads plugins from disk only; this one adds the HTTP transport from the classpath. */
	private static final class PluginNode extends Node {

		PluginNode(org.opensearch.env.Environment environment) {
			super(environment, List.of(Netty4Plugin.class), true);
		}

	}

}
