package dev.provingground.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.provisioning.StackShell;
import dev.provingground.runs.RunState;
import dev.provingground.runs.ScenarioRun;
import dev.provingground.runs.ScenarioRuns;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The learners' terminals: one shell per run, in the run's stack, while the run is in its fix loop. A shell whose page
 * went away is kept for {@link #GRACE} so that a reload finds it again; one unused for {@link #IDLE} ends, and so does
 * every shell of a run that leaves the fix loop or whose stack changed.
 */
@Component
class Terminals {

	private static final Logger log = LoggerFactory.getLogger(Terminals.class);

	static final Duration GRACE = Duration.ofSeconds(60);

	static final Duration IDLE = Duration.ofMinutes(30);

	private static final Duration SWEEP = Duration.ofSeconds(2);

	/** Shells on this node at once; each holds a few processes and a thread. */
	static final int MAX_SHELLS = 64;

	private final ScenarioRuns runs;

	private final StackProvisioner provisioner;

	private final DiagnosticTrail trail;

	private final Clock clock = Clock.systemUTC();

	private final Map<UUID, TerminalSession> byRun = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "terminal-sweeper");
		thread.setDaemon(true);
		return thread;
	});

	Terminals(ScenarioRuns runs, StackProvisioner provisioner, DiagnosticTrail trail) {
		this.runs = runs;
		this.provisioner = provisioner;
		this.trail = trail;
		sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The run's shell, started if it has none: the run must be the learner's (else {@link
	 * dev.provingground.runs.RunNotFoundException}) and in its fix loop with a stack.
	 * @throws DiagnosticsException with what to do when it cannot have one now
	 */
	TerminalSession open(UUID runId, String learnerId, int cols, int rows) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		if (run.state() != RunState.WORKING || run.stackId() == null) {
			throw new DiagnosticsException("The terminal opens while you work on the fix, with your stack running; "
					+ "this run is " + run.state().name().toLowerCase(java.util.Locale.ROOT) + " now");
		}
		synchronized (byRun) {
			TerminalSession existing = byRun.get(runId);
			if (existing != null && !existing.ended() && existing.stackId.equals(run.stackId())) {
				return existing;
			}
			if (existing != null) {
				existing.end("Your stack changed; this is a new shell.");
			}
			if (byRun.size() >= MAX_SHELLS) {
				throw new DiagnosticsException("Too many terminals are open on this server; try again in a minute");
			}
			StackShell shell;
			try {
				shell = provisioner.openShell(run.stackId(), cols, rows);
			}
			catch (RuntimeException ex) {
				throw new DiagnosticsException("The terminal could not start: " + ex.getMessage());
			}
			var session = new TerminalSession(runId, learnerId, run.stackId(), shell, trail, clock);
			byRun.put(runId, session);
			var pump = new Thread(() -> session.pump(() -> byRun.remove(runId, session)), "terminal-" + runId);
			pump.setDaemon(true);
			pump.start();
			log.info("Terminal opened for run {} in stack {}", runId, run.stackId());
			return session;
		}
	}

	/**
	 * The run's shell, for an admin to watch.
	 * @throws DiagnosticsException when the run has none open now
	 */
	TerminalSession watched(UUID runId) {
		TerminalSession session = byRun.get(runId);
		if (session == null || session.ended()) {
			throw new DiagnosticsException("The learner has no terminal open now; it can be watched while one is open");
		}
		return session;
	}

	/** A shell open now, as an admin's list shows it. */
	record OpenTerminal(UUID runId, String learnerId, UUID stackId, Instant lastUsed, boolean attached, int watchers) {
	}

	/** The shells open on this node, most recently used first. */
	List<OpenTerminal> open() {
		return byRun.values().stream()
			.filter(session -> !session.ended())
			.map(session -> new OpenTerminal(session.runId, session.learnerId, session.stackId, session.lastUsed(),
					session.attached(), session.watcherCount()))
			.sorted(java.util.Comparator.comparing(OpenTerminal::lastUsed).reversed())
			.toList();
	}

	/** Ends the shells of runs that left the fix loop, lost their page for longer than the grace, or sat unused. */
	void sweep() {
		Instant now = clock.instant();
		for (TerminalSession session : byRun.values()) {
			try {
				String why = whyToEnd(session, now);
				if (why != null) {
					session.end(why);
					byRun.remove(session.runId, session);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not look at the terminal of run {}: {}", session.runId, ex.getMessage());
			}
		}
	}

	private String whyToEnd(TerminalSession session, Instant now) {
		ScenarioRun run = runs.find(session.runId).orElse(null);
		if (run == null || run.state() != RunState.WORKING || !session.stackId.equals(run.stackId())) {
			return "Your run left the fix loop, or its stack changed, so the terminal closed.";
		}
		Instant detached = session.detachedAt();
		if (detached != null && detached.plus(GRACE).isBefore(now)) {
			return "The terminal closed: no page showed it for " + GRACE.toSeconds() + " s.";
		}
		if (session.lastUsed().plus(IDLE).isBefore(now)) {
			return "The terminal closed after " + IDLE.toMinutes() + " minutes without use.";
		}
		return null;
	}

	@PreDestroy
	void closeAll() {
		sweeper.shutdownNow();
		byRun.values().forEach(session -> session.end("The platform is stopping."));
		byRun.clear();
	}

}
