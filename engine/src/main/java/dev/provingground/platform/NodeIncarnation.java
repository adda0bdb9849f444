package dev.provingground.platform;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This process as a platform node: the node's name, and an id of this process's turn as that node
 * ({@code <name>/<random>}), which it puts on what it owns (job locks, stacks). The node's lock in the data directory
 * ({@code nodes/<name>.lock}) lets one live process at a time be a given node, so what an earlier id of the same name
 * owns was left by a process that has died: recovery takes it over at once, without waiting for timeouts.
 */
@Component
public final class NodeIncarnation implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NodeIncarnation.class);

	private final String nodeName;

	private final String id;

	private final ProcessLock lock;

	public NodeIncarnation(PlatformSettings settings) {
		this.nodeName = settings.nodeName();
		this.id = nodeName + "/" + UUID.randomUUID();
		var file = settings.dataDirOf("nodes").resolve(nodeName.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
		this.lock = ProcessLock.tryAcquire(file)
			.orElseThrow(() -> new IllegalStateException("Another running platform process is node '" + nodeName
					+ "' of the data directory " + settings.dataDir() + " (it holds " + file + "). Stop it, or give this "
					+ "one its own PROVINGGROUND_NODE_NAME or PROVINGGROUND_DATA_DIR."));
		log.info("This process is platform node '{}' as {}", nodeName, id);
	}

	public String nodeName() {
		return nodeName;
	}

	/** This process's id as the node: what it writes as the owner of job locks and stacks. */
	public String id() {
		return id;
	}

	/** What every id of this node starts with, this process's and its dead predecessors' alike. */
	public String idPrefix() {
		return nodeName + "/";
	}

	/** What every id of the node of this id starts with. */
	public static String prefixOf(String id) {
		return id.substring(0, id.lastIndexOf('/') + 1);
	}

	@Override
	public void close() {
		lock.close();
	}

}
