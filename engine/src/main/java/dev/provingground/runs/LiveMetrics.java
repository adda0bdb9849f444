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
 * mid-run (or reloaded) draws the whole run so far.
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

	private static final class Channel {

		private final ArrayDeque<Frame> recent = new ArrayDeque<>();

		private final List<Consumer<Frame>> listeners = new CopyOnWriteArrayList<>();

	}

	public void publish(UUID runId, Frame frame) {
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
		Channel channel = channels.computeIfAbsent(runId, id -> new Channel());
		synchronized (channel) {
			channel.recent.forEach(listener);
			channel.listeners.add(listener);
		}
	}

	public void unsubscribe(UUID runId, Consumer<Frame> listener) {
		Channel channel = channels.get(runId);
		if (channel != null) {
			channel.listeners.remove(listener);
		}
	}

	/** The run's stack is gone: its frames are no longer live. */
	public void forget(UUID runId) {
		channels.remove(runId);
	}

}
