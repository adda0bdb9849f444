package dev.provingground.diagnostics;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.provingground.identity.Groups;
import dev.provingground.runs.RunNotFoundException;
import dev.provingground.runs.ScenarioRun;
import dev.provingground.runs.ScenarioRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The run page's diagnostic tools, for the run's own learner only (anyone else gets 404, as for the run itself):
 * the SQL console, the services' logs followed live, and the trail of what was run with them.
 */
@RestController
@Tag(name = "Diagnostics")
class DiagnosticsController {

	/** A log follower stays connected this long; the browser's EventSource reconnects after it. */
	private static final Duration FOLLOW_TIMEOUT = Duration.ofMinutes(30);

	private static final Duration POLL = Duration.ofMillis(700);

	private final SqlConsole console;

	private final StackLogs logs;

	private final DiagnosticTrail trail;

	private final ScenarioRuns runs;

	private final ScheduledExecutorService followers = Executors.newScheduledThreadPool(1, runnable -> {
		var thread = new Thread(runnable, "log-followers");
		thread.setDaemon(true);
		return thread;
	});

	private final Terminals terminals;

	DiagnosticsController(SqlConsole console, StackLogs logs, DiagnosticTrail trail, ScenarioRuns runs,
			Terminals terminals) {
		this.terminals = terminals;
		this.console = console;
		this.logs = logs;
		this.trail = trail;
		this.runs = runs;
	}

	record Statement(String sql) {
	}

	record Problem(String message) {
	}

	@PostMapping("/api/runs/{runId}/diagnostics/sql")
	@Operation(summary = "Run one SQL statement on the run's database, read-only, with a time limit and a row cap",
			description = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) answers come with the plan as a tree. The statement "
					+ "goes on the run's diagnostic trail.")
	SqlConsole.Result sql(Authentication user, @PathVariable UUID runId, @RequestBody Statement statement) {
		return console.run(runId, user.getName(), statement == null ? null : statement.sql());
	}

	@GetMapping("/api/runs/{runId}/diagnostics/logs")
	@Operation(summary = "The services of the run's stack whose output can be followed")
	List<String> sources(Authentication user, @PathVariable UUID runId) {
		return logs.sources(watched(user, runId));
	}

	@GetMapping(path = "/api/runs/{runId}/diagnostics/logs/{source}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Server-sent events: a service's last 500 lines, then each new one (\"lines\" events)",
			description = "With a filter, only lines that contain it (case-insensitive); the filter goes on the trail.")
	SseEmitter follow(Authentication user, @PathVariable UUID runId, @PathVariable String source,
			@RequestParam(required = false) String filter) {
		StackLogs.Follower follower = logs.follow(watched(user, runId), user.getName(), source, filter);
		var emitter = new SseEmitter(FOLLOW_TIMEOUT.toMillis());
		ScheduledFuture<?>[] polling = new ScheduledFuture<?>[1];
		polling[0] = followers.scheduleWithFixedDelay(() -> {
			try {
				List<String> lines = follower.next();
				if (!lines.isEmpty()) {
					emitter.send(SseEmitter.event().name("lines").data(lines, MediaType.APPLICATION_JSON));
				}
			}
			catch (IOException | RuntimeException gone) {
				polling[0].cancel(false); // the page went away, or the stack did
			}
		}, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
		emitter.onCompletion(() -> polling[0].cancel(false));
		emitter.onTimeout(() -> polling[0].cancel(false));
		emitter.onError(error -> polling[0].cancel(false));
		return emitter;
	}

	@GetMapping("/api/runs/{runId}/diagnostics/trail")
	@Operation(summary = "What the learner ran to diagnose the stack, oldest first (the learner, or an admin)")
	List<DiagnosticTrail.Entry> trail(Authentication user, @PathVariable UUID runId) {
		return trail.of(watched(user, runId).id());
	}

	@GetMapping("/api/admin/diagnostics/terminals")
	@Operation(summary = "The learners' terminals open on this node, most recently used first (admins)",
			description = "Each can be watched, read-only, on the run's terminal socket.")
	List<Terminals.OpenTerminal> openTerminals() {
		return terminals.open();
	}

	/** The run, for its learner, or for an admin who watches (logs, trail and terminal, read-only: never the console). */
	private ScenarioRun watched(Authentication user, UUID runId) {
		if (Groups.isMember(user, Groups.ADMINS)) {
			return runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
		}
		return runs.ownedBy(runId, user.getName());
	}

	@ExceptionHandler(RunNotFoundException.class)
	ResponseEntity<Problem> notFound(RunNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem(ex.getMessage()));
	}

	@ExceptionHandler(DiagnosticsException.class)
	ResponseEntity<Problem> refused(DiagnosticsException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(ex.getMessage()));
	}

	@PreDestroy
	void stopFollowing() {
		followers.shutdownNow();
	}

}
