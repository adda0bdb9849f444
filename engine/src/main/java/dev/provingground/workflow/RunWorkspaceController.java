package dev.provingground.workflow;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.provingground.platform.WorkspaceFiles;
import dev.provingground.platform.FileChange;
import dev.provingground.runs.LiveMetrics;
import dev.provingground.runs.RunWorkspace;
import dev.provingground.runs.ScenarioRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** What the run page shows besides the process: the workspace files, live metrics, attempts and the solution. */
@RestController
@Tag(name = "Scenario runs")
class RunWorkspaceController {

	/** A dashboard stays connected this long; the browser's EventSource reconnects after it. */
	private static final Duration LIVE_TIMEOUT = Duration.ofMinutes(30);

	private final RunWorkspace workspace;

	private final ScenarioRuns runs;

	private final LiveMetrics live;

	RunWorkspaceController(RunWorkspace workspace, ScenarioRuns runs, LiveMetrics live) {
		this.workspace = workspace;
		this.runs = runs;
		this.live = live;
	}

	record FileContent(String path, String content) {
	}

	record NewContent(String content) {
	}

	@GetMapping("/api/runs/{runId}/stack")
	@Operation(summary = "The run's stack: its state, the app's entrypoint, replicas and database")
	RunWorkspace.StackView stack(Authentication user, @PathVariable UUID runId) {
		return workspace.stack(runId, user.getName());
	}

	@GetMapping("/api/runs/{runId}/files")
	@Operation(summary = "The files of the run's workspace, for the editor")
	List<WorkspaceFiles.WorkspaceFile> files(Authentication user, @PathVariable UUID runId) {
		return workspace.files(runId, user.getName());
	}

	@GetMapping("/api/runs/{runId}/files/content")
	@Operation(summary = "One workspace file's text")
	FileContent read(Authentication user, @PathVariable UUID runId, @RequestParam String path) {
		return new FileContent(path, workspace.read(runId, user.getName(), path));
	}

	@PutMapping("/api/runs/{runId}/files/content")
	@Operation(summary = "Save a workspace file (created if new); restart the app to run it")
	FileContent write(Authentication user, @PathVariable UUID runId, @RequestParam String path,
			@RequestBody NewContent request) {
		workspace.write(runId, user.getName(), path, request == null ? null : request.content());
		return new FileContent(path, request.content());
	}

	@GetMapping("/api/runs/{runId}/solution")
	@Operation(summary = "The reference solution as a diff against the starter, once the checks passed or you gave up")
	List<FileChange> solution(Authentication user, @PathVariable UUID runId) {
		return workspace.solution(runId, user.getName());
	}

	@GetMapping("/api/runs/{runId}/attempts")
	@Operation(summary = "Every check run of the run, with its verdicts and hints")
	List<ScenarioRuns.Attempt> attempts(Authentication user, @PathVariable UUID runId) {
		return runs.attempts(runId, user.getName());
	}

	@GetMapping(path = "/api/runs/{runId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Server-sent events: the run's load, telemetry and verdicts, a frame a second while they run")
	SseEmitter live(Authentication user, @PathVariable UUID runId) {
		runs.ownedBy(runId, user.getName());
		var emitter = new SseEmitter(LIVE_TIMEOUT.toMillis());
		Consumer<LiveMetrics.Frame> send = new Consumer<>() {

			@Override
			public void accept(LiveMetrics.Frame frame) {
				try {
					emitter.send(SseEmitter.event().name(frame.kind()).data(frame, MediaType.APPLICATION_JSON));
				}
				catch (IOException | IllegalStateException ex) {
					live.unsubscribe(runId, this); // the page went away
				}
			}

		};
		emitter.onCompletion(() -> live.unsubscribe(runId, send));
		emitter.onTimeout(() -> live.unsubscribe(runId, send));
		emitter.onError(error -> live.unsubscribe(runId, send));
		live.subscribe(runId, send);
		return emitter;
	}

}
