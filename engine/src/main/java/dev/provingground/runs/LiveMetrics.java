package dev.provingground.runs;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * What a run's stack does right now, second by second, for the learner's live dashboard: load samples, telemetry and
 * check verdicts while a load run or the checks go on. Each run keeps its recent frames, so that a page opened
 * mid-run (or reloaded) draws the whole run so far. In a cluster, every node gets every frame, whichever node runs
 * the job.
 */
@Component
public class LiveMetrics {

	/** Frames kept per run: a few minutes of load and telemetry. */
	static final int RECENT_FRAMES = 1200;

	/**
	 * One event on the dashboard.
	 *
	 * @param kind {@code phase} (a load run or check run started or ended), {@code load}, {@code telemetry} or
	 * {@code verdict}
	 * @param phase what runs: {@code baseline}, {@code load:<profile>} or {@code checks}
	 * @param data the sample, verdict or phase state
	 */
	public record Frame(String kind, String phase, Object data) {
	}

	private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();

	private final ClusterFrames cluster;

	LiveMetrics(ClusterFrames cluster) {
		this.cluster = cluster;
		cluster.receiveWith((runId, frame) -> {
			if (frame == null) {
				forgetHere(runId);
			}
			else {
				deliver(runId, frame);
			}
		});
	}

	private static final class Channel {

		private final ArrayDeque<Frame> recent = new ArrayDeque<>();

		private final List<Consumer<Frame>> listeners = new CopyOnWriteArrayList<>();

	}

	/** Sends the frame to the run's listeners on this node and, through {@link ClusterFrames}, on the others. */
	public void publish(UUID runId, Frame frame) {
		deliver(runId, frame);
		cluster.send(runId, frame);
	}

	private void deliver(UUID runId, Frame frame) {
		Channel channel = channels.computeIfAbsent(runId, id -> new Channel());
		synchronized (channel) {
			if (channel.recent.size() == RECENT_FRAMES) {
				channel.recent.removeFirst();
			}
			channel.recent.addLast(frame);
			channel.listeners.forEach(listener -> listener.accept(frame));
		}
	}

	/**
	 * Replays the run's recent frames to the listener, then sends it each new one until {@link #unsubscribe}.
	 * Publishing, replay and registration share one lock, so no frame is missed or sent twice.
	 */
	public void subscribe(UUID runId, Consumer<Frame> listener) {
		while (true) {
			Channel channel = channels.computeIfAbsent(runId, id -> new Channel());
			synchronized (channel) {
				if (channels.get(runId) == channel) { // not dropped by forget meanwhile
					channel.recent.forEach(listener);
					channel.listeners.add(listener);
					return;
				}
			}
		}
	}

	public void unsubscribe(UUID runId, Consumer<Frame> listener) {
		Channel channel = channels.get(runId);
		if (channel != null) {
			synchronized (channel) {
				channel.listeners.remove(listener);
				if (channel.listeners.isEmpty() && channel.recent.isEmpty()) {
					channels.remove(runId, channel); // forgotten while a page listened
				}
			}
		}
	}

	/** The run's stack is gone: its frames are no longer live. */
	public void forget(UUID runId) {
		forgetHere(runId);
		cluster.sendForget(runId);
	}

	/**
	 * Drops the run's frames; pages that listen keep listening, since a new stack (a retry, a resume) publishes to them
	 * again. A page can open before the provisioning job has forgotten the run's earlier frames.
	 */
	private void forgetHere(UUID runId) {
		Channel channel = channels.get(runId);
		if (channel != null) {
			synchronized (channel) {
				channel.recent.clear();
				if (channel.listeners.isEmpty()) {
					channels.remove(runId, channel);
				}
			}
		}
	}

}
