package dev.provingground.search;

import java.nio.file.Path;

/**
 * An OpenSearch node in the test's JVM for platform nodes started as separate processes: they reach it through
 * {@code OPENSEARCH_URL}, as they would an external cluster.
 */
public final class SharedOpenSearch implements AutoCloseable {

	private final EmbeddedOpenSearchNode node;

	private SharedOpenSearch(EmbeddedOpenSearchNode node) {
		this.node = node;
	}

	/** Starts a node with its data in {@code home} and waits until it is up. */
	public static SharedOpenSearch start(Path home) {
		var node = EmbeddedOpenSearchNode.startInBackground(home);
		node.start();
		return new SharedOpenSearch(node);
	}

	public String url() {
		return node.url();
	}

	@Override
	public void close() throws Exception {
		node.close();
	}

}
