package dev.provingground.runs;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.runs.LiveMetrics.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two platform nodes' live metrics on one real PostgreSQL: a frame published on one reaches a page on the other. */
class ClusterFramesIntegrationTest {

	private final ObjectMapper json = new ObjectMapper();

	private final ClusterFrames framesA = new ClusterFrames(ProvisioningFixtures.platformDatabase(), json);

	private final ClusterFrames framesB = new ClusterFrames(ProvisioningFixtures.platformDatabase(), json);

	private final LiveMetrics nodeA = new LiveMetrics(framesA);

	private final LiveMetrics nodeB = new LiveMetrics(framesB);

	@AfterEach
	void stop() {
		framesA.stop();
		framesB.stop();
	}

	@Test
	void aFramePublishedOnOneNodeReachesThePageListeningOnTheOtherOnce() throws Exception {
		framesA.start();
		framesB.start();
		UUID run = UUID.randomUUID();
		List<Frame> onB = new CopyOnWriteArrayList<>();
		List<Frame> onA = new CopyOnWriteArrayList<>();
		nodeB.subscribe(run, onB::add);
		nodeA.subscribe(run, onA::add);
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!(framesA.listeningToOthers() && framesB.listeningToOthers()) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}

		nodeA.publish(run, new Frame("load", "baseline", Map.of("second", 1, "requests", 42)));

		awaitSize(onB, 1);
		assertThat(onB).singleElement().satisfies(frame -> {
			assertThat(frame.kind()).isEqualTo("load");
			assertThat(frame.phase()).isEqualTo("baseline");
			assertThat(((JsonNode) frame.data()).get("requests").asInt()).isEqualTo(42);
		});
		Thread.sleep(700); // a node does not hear its own frames back
		assertThat(onA).hasSize(1);

		List<Frame> replayed = new CopyOnWriteArrayList<>();
		nodeA.forget(run);
		awaitForgotten(run, replayed);
	}

	@Test
	void aPageThatOpenedBeforeTheRunsOldFramesWereForgottenGetsTheNewOnes() {
		UUID run = UUID.randomUUID();
		nodeA.publish(run, new Frame("load", "baseline", Map.of("second", 9)));
		List<Frame> page = new CopyOnWriteArrayList<>();
		nodeA.subscribe(run, page::add);

		nodeA.forget(run); // the provisioning job of a retry starts afresh
		nodeA.publish(run, new Frame("phase", "baseline", Map.of("state", "started")));

		assertThat(page).extracting(Frame::kind).containsExactly("load", "phase");
		List<Frame> later = new CopyOnWriteArrayList<>();
		nodeA.subscribe(run, later::add);
		assertThat(later).as("a page opened now replays only the new frames").extracting(Frame::kind)
			.containsExactly("phase");
	}

	/** After a forget on node A, a page that opens on node B gets no replay of the old frames. */
	private void awaitForgotten(UUID run, List<Frame> replayed) throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		java.util.function.Consumer<Frame> page = replayed::add;
		do {
			replayed.clear();
			nodeB.subscribe(run, page);
			nodeB.unsubscribe(run, page);
			if (replayed.isEmpty()) {
				return;
			}
			Thread.sleep(100);
		}
		while (System.nanoTime() < deadline);
		assertThat(replayed).as("frames node B replays after the run was forgotten on node A").isEmpty();
	}

	private static void awaitSize(List<Frame> frames, int size) throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (frames.size() < size && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

}
