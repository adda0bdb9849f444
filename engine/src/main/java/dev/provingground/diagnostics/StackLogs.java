package dev.provingground.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.runs.ScenarioRun;
import dev.provingground.runs.ScenarioRuns;
import org.springframework.stereotype.Service;

/**
 * The output of the run's services: each app replica, the balancer and the database server. A follower is sent the
 * last {@value #HISTORY} lines first (what happened while the learner was not looking), then each new line as it is
 * written, filtered by the learner's text when there is one.
 */
@Service
class StackLogs {

	/** Lines sent when a follower starts, and the window in which new lines are found. */
	static final int HISTORY = 500;

	static final int MAX_FILTER = 200;

	private final ScenarioRuns runs;

	private final StackProvisioner provisioner;

	private final DiagnosticTrail trail;

	StackLogs(ScenarioRuns runs, StackProvisioner provisioner, DiagnosticTrail trail) {
		this.runs = runs;
		this.provisioner = provisioner;
		this.trail = trail;
	}

	/** The run's services whose output can be read, replicas first. */
	List<String> sources(ScenarioRun run) {
		var sources = new ArrayList<String>();
		var stack = run.stackId() == null ? null : provisioner.find(run.stackId()).orElse(null);
		int replicas = stack == null ? 1 : Math.max(1, stack.replicas().size());
		for (int i = 0; i < replicas; i++) {
			sources.add("app-" + i);
		}
		if (runs.scenarioOf(run).stack().balancer() != null) {
			sources.add("balancer");
			sources.add("balancer-access");
		}
		sources.add("database");
		return sources;
	}

	/**
	 * A follower of one source of the run's stack: call {@link Follower#next} for the lines written since. The filter
	 * goes on the trail when the run's learner set it (an admin watching leaves no trace in the learner's evidence).
	 */
	Follower follow(ScenarioRun run, String viewer, String source, String filter) {
		if (!sources(run).contains(source)) {
			throw new DiagnosticsException("The stack has no service '" + source + "'");
		}
		String text = filter == null ? "" : filter.strip();
		if (text.length() > MAX_FILTER) {
			throw new DiagnosticsException("A filter may have at most " + MAX_FILTER + " characters");
		}
		if (!text.isEmpty() && viewer.equals(run.learnerId())) {
			trail.record(run.id(), viewer, "logs", source + ": " + text, null);
		}
		UUID stackId = run.stackId();
		return new Follower(() -> stackId == null ? List.of() : provisioner.tail(stackId, source, HISTORY),
				text.toLowerCase(Locale.ROOT));
	}

	/** Reads a source's tail on each call and gives the lines that were not in the previous one. */
	static final class Follower {

		private final java.util.function.Supplier<List<String>> tail;

		private final String filter;

		private List<String> seen = List.of();

		Follower(java.util.function.Supplier<List<String>> tail, String filter) {
			this.tail = tail;
			this.filter = filter;
		}

		List<String> next() {
			List<String> now = tail.get();
			List<String> fresh = now.subList(overlap(seen, now), now.size());
			seen = now;
			return fresh.stream().filter(line -> filter.isEmpty() || line.toLowerCase(Locale.ROOT).contains(filter)).toList();
		}

		/** How many lines at the start of {@code now} are the last ones of {@code before}. */
		static int overlap(List<String> before, List<String> now) {
			for (int length = Math.min(before.size(), now.size()); length > 0; length--) {
				if (before.subList(before.size() - length, before.size()).equals(now.subList(0, length))) {
					return length;
				}
			}
			return 0;
		}

	}

}
