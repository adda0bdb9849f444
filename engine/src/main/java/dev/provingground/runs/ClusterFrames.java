package dev.provingground.runs;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.runs.LiveMetrics.Frame;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Carries live frames between platform nodes through PostgreSQL's LISTEN/NOTIFY. A run's job may run on one node while
 * the learner's page listens on another (the balancer keeps a browser on the node that signed it in): each frame a
 * node publishes is also sent to the others, which hand it to their own listeners. A frame too large for a
 * notification (a long check verdict) stays on its node; the run's state, which every page polls, carries it too.
 */
@Component
class ClusterFrames implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClusterFrames.class);

	private static final String CHANNEL = "live_frames";

	/** PostgreSQL refuses notification payloads of 8000 bytes or more. */
	private static final int MAX_PAYLOAD = 7900;

	private static final String FORGET = "forget";

	private final DataSource dataSource;

	private final ObjectMapper json;

	/** Tells this node's notifications from the others'. */
	private final String node = UUID.randomUUID().toString();

	/**
	 * One thread keeps the frames in order, and ends when no run has sent any for a while; when the database falls
	 * behind, frames beyond the queue are dropped.
	 */
	private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), runnable -> {
				var thread = new Thread(runnable, "cluster-frames-sender");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	{
		sender.allowCoreThreadTimeOut(true);
	}

	private volatile BiConsumer<UUID, Frame> receiver = (run, frame) -> {
	};

	private volatile Thread listening;

	private volatile boolean listeningToOthers;

	ClusterFrames(DataSource dataSource, ObjectMapper json) {
		this.dataSource = dataSource;
		this.json = json;
	}

	/** Where frames from other nodes go; a {@code null} frame means that the run's frames are to be forgotten. */
	void receiveWith(BiConsumer<UUID, Frame> receiver) {
		this.receiver = receiver;
	}

	/**
	 * Queues the frame for the other nodes: the load run that publishes it never waits for the database. The frame is
	 * written out at once, as it is now.
	 */
	void send(UUID runId, Frame frame) {
		queue(runId, frame.kind(), frame.phase(), frame.data());
	}

	void sendForget(UUID runId) {
		queue(runId, FORGET, null, null);
	}

	private void queue(UUID runId, String kind, String phase, Object data) {
		String payload;
		try {
			var message = json.createObjectNode().put("node", node).put("run", runId.toString()).put("kind", kind)
				.put("phase", phase);
			message.set("data", json.valueToTree(data));
			payload = json.writeValueAsString(message);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			log.debug("A live frame of run {} cannot be written out: {}", runId, ex.getMessage());
			return;
		}
		if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD) {
			sender.execute(() -> notifyOthers(runId, payload));
		}
	}

	/**
	 * On a connection of its own, in autocommit: inside a caller's transaction the notification would wait for its
	 * commit, at the end of the load run.
	 */
	private void notifyOthers(UUID runId, String payload) {
		try (Connection connection = dataSource.getConnection();
				var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
			statement.setString(1, CHANNEL);
			statement.setString(2, payload);
			statement.execute();
		}
		catch (SQLException | RuntimeException ex) {
			log.debug("A live frame of run {} was not sent to the other nodes: {}", runId, ex.getMessage());
		}
	}

	@Override
	public void start() {
		var thread = new Thread(this::listen, "cluster-frames");
		thread.setDaemon(true);
		listening = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = listening;
		listening = null;
		if (thread != null) {
			thread.interrupt();
		}
		listeningToOthers = false;
	}

	/** Whether frames from other nodes arrive now. */
	boolean listeningToOthers() {
		return listeningToOthers;
	}

	@Override
	public boolean isRunning() {
		return listening != null;
	}

	/** Listens until stopped, reconnecting after a lost connection. */
	private void listen() {
		while (listening == Thread.currentThread()) {
			try (Connection connection = dataSource.getConnection()) {
				try (var statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				listeningToOthers = true;
				while (listening == Thread.currentThread()) {
					var notifications = postgres.getNotifications(500);
					if (notifications != null) {
						for (var notification : notifications) {
							receive(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				listeningToOthers = false;
				if (listening == Thread.currentThread()) {
					log.warn("Listening for live frames of other nodes failed, retrying: {}", ex.getMessage());
					sleepBeforeRetry();
				}
			}
		}
	}

	private void receive(String payload) {
		try {
			JsonNode message = json.readTree(payload);
			if (node.equals(message.path("node").asText())) {
				return;
			}
			UUID runId = UUID.fromString(message.path("run").asText());
			String kind = message.path("kind").asText();
			receiver.accept(runId, FORGET.equals(kind) ? null
					: new Frame(kind, message.path("phase").isNull() ? null : message.path("phase").asText(),
							message.get("data")));
		}
		catch (JsonProcessingException | RuntimeException ex) {
			log.debug("Ignored a live frame from another node: {}", ex.getMessage());
		}
	}

	private static void sleepBeforeRetry() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
