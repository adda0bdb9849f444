package dev.provingground.checks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import dev.provingground.catalog.CheckSpec;
import dev.provingground.catalog.Scenario;
import dev.provingground.checks.LoadVerdicts.LoadOutcome;
import dev.provingground.load.LoadService;
import dev.provingground.load.StackData;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.loadgen.LoadRun;
import dev.provingground.provisioning.Stack;
import dev.provingground.telemetry.TelemetryRecording;
import dev.provingground.telemetry.TelemetryService;
import dev.provingground.telemetry.TelemetrySummary;
import org.springframework.stereotype.Service;

/**
 * Runs a scenario's checks on a learner's stack. The quick ones (sql, and http on a quiet stack) go first; then each
 * load profile that checks name runs once, with telemetry recorded alongside and the http checks of that profile
 * sampled during it, and all its checks share that run.
 */
@Service
public class CheckService {

	private final LoadService load;

	private final TelemetryService telemetry;

	private final NoiseGuard noise;

	/** Answers checked under load are fetched this many at a time, so that all of them see the load. */
	static final int HTTP_CONCURRENCY_UNDER_LOAD = 8;

	private final HttpChecks httpChecks = new HttpChecks(
			HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());

	CheckService(LoadService load, TelemetryService telemetry, NoiseGuard noise) {
		this.load = load;
		this.telemetry = telemetry;
		this.noise = noise;
	}

	/**
	 * Runs every check of the scenario on the user's stack.
	 * @param failuresSoFar how often each check failed before, by check id, which picks the next hint
	 * @throws dev.provingground.load.StackAccessDeniedException when the stack is not the user's
	 * @throws dev.provingground.load.StackNotReadyException when it is not running
	 */
	public CheckReport run(String userId, UUID stackId, Scenario scenario, Map<String, Integer> failuresSoFar,
			CheckListener listener) {
		Stack stack = load.readyStackOf(userId, stackId);
		var run = new Run(stack, scenario, failuresSoFar, listener);
		Map<String, LoadReport> reports = new LinkedHashMap<>();
		Map<String, TelemetrySummary> summaries = new LinkedHashMap<>();
		// A check run with load is measured as one, in one turn: nobody else's measurement comes between its load runs,
		// and its other checks do not wait for a CPU shared with every stack that waits.
		long queuedMillis = 0;
		try (var admitted = loadProfilesOf(scenario).isEmpty() ? null : load.admit(stack, expectedDuration(scenario))) {
			queuedMillis = admitted == null ? 0 : admitted.waited().toMillis();
			for (CheckSpec check : scenario.checks()) {
				if (check instanceof CheckSpec.SqlCheck sql) {
					run.record(SqlChecks.run(sql, stack, run.failures(check)));
				}
				else if (check instanceof CheckSpec.HttpCheck http && http.profile() == null) {
					run.record(run.http(http));
				}
			}
			for (String profile : loadProfilesOf(scenario)) {
				Measured measured = measure(userId, run, profile, queuedMillis);
				if (measured.outcome().report() != null) {
					reports.put(profile, measured.outcome().report());
				}
				if (measured.outcome().telemetry() != null) {
					summaries.put(profile, measured.outcome().telemetry());
				}
				measured.verdicts().forEach(run::record);
			}
		}
		List<CheckVerdict> inManifestOrder = new ArrayList<>();
		scenario.checks().forEach(check -> inManifestOrder.add(run.verdicts.get(check.id())));
		return new CheckReport(inManifestOrder, reports, summaries, queuedMillis);
	}

	/** A profile's load run, the verdicts that rest on it, and the conditions it was measured in. */
	private record Measured(LoadOutcome outcome, List<CheckVerdict> verdicts) {
	}

	/**
	 * Runs the profile and gives its load and telemetry verdicts. A failure measured in a noisy window does not count
	 * yet: the profile runs again once the host is calm, at most {@link NoiseGuard#maxReruns()} times, and a failure
	 * that no clean window confirms is inconclusive. A pass stands however noisy its window, unless the load was sized
	 * to the host's speed and the host ran faster than that (ADR 0026).
	 */
	private Measured measure(String userId, Run run, String profile, long queuedMillis) {
		for (int reruns = 0;; reruns++) {
			var opened = noise.open(run.stack);
			LoadOutcome outcome = runProfile(userId, run, profile);
			MeasuredConditions conditions = noise.close(run.stack, opened, queuedMillis, reruns,
					load.speedAroundLastRun(run.stack.id()));
			List<CheckVerdict> verdicts = new ArrayList<>();
			for (CheckSpec check : run.scenario.checks()) {
				if (check instanceof CheckSpec.LoadCheck loadCheck && loadCheck.profile().equals(profile)) {
					verdicts.add(LoadVerdicts.load(loadCheck, outcome, run.failures(check)).measuredIn(conditions));
				}
				else if (check instanceof CheckSpec.TelemetryCheck telemetryCheck
						&& telemetryCheck.profile().equals(profile)) {
					verdicts.add(LoadVerdicts.telemetry(telemetryCheck, outcome, run.failures(check))
						.measuredIn(conditions));
				}
			}
			// A run that could not happen at all is no measurement: noise explains none of it.
			boolean measuredFailure = outcome.report() != null
					&& verdicts.stream().anyMatch(verdict -> !verdict.passed());
			// A pass stands however noisy its window, unless the load was sized for a slower host than it ran on.
			if (conditions.clean() || (!measuredFailure && conditions.sizedForHost()) || outcome.report() == null) {
				return new Measured(outcome, verdicts);
			}
			if (reruns == noise.maxReruns()) {
				return new Measured(outcome, verdicts.stream()
					.map(verdict -> verdict.passed() && conditions.sizedForHost() ? verdict
							: verdict.inconclusiveIn(conditions))
					.toList());
			}
			run.listener.onRerun(profile, conditions);
			noise.awaitCalm();
		}
	}

	/** How long the check run's load profiles take, warm-ups included. */
	private Duration expectedDuration(Scenario scenario) {
		Duration total = Duration.ZERO;
		for (String profile : loadProfilesOf(scenario)) {
			var spec = scenario.loadProfiles().get(profile);
			total = total.plus(spec.warmUp()).plus(spec.duration());
		}
		return total;
	}

	/** Runs one profile with telemetry, and samples the profile's http checks while it runs. */
	private LoadOutcome runProfile(String userId, Run run, String profile) {
		TelemetryRecording recording;
		try {
			recording = telemetry.record(run.stack, sample -> run.listener.onTelemetry(profile, sample));
		}
		catch (IllegalStateException ex) {
			underLoadChecks(run, profile).forEach(check -> run.record(
					Verdicts.failed(check, "The load run could not run: " + ex.getMessage(), run.failures(check))));
			return new LoadOutcome(null, null, ex.getMessage());
		}
		try (recording) {
			LoadRun loadRun = load.start(userId, run.stack.id(), run.scenario, profile,
					sample -> run.listener.onLoadSample(profile, sample));
			List<CheckSpec.HttpCheck> underLoad = underLoadChecks(run, profile);
			if (!underLoad.isEmpty()) {
				sleep(run.scenario.loadProfiles().get(profile).warmUp());
				underLoad.forEach(check -> run.record(loadRun.report().isDone()
						? Verdicts.failed(check, "The load run ended before the answers could be checked under load",
								run.failures(check))
						: run.http(check)));
				if (!measuresTheLoad(run, profile)) {
					loadRun.cancel("every check that rests on this load is decided");
				}
			}
			LoadReport report = loadRun.report().join();
			return new LoadOutcome(report, recording.stop(), null);
		}
		catch (CompletionException ex) {
			return new LoadOutcome(null, null, String.valueOf(ex.getCause().getMessage()));
		}
		catch (RuntimeException ex) {
			underLoadChecks(run, profile).stream()
				.filter(check -> !run.verdicts.containsKey(check.id()))
				.forEach(check -> run.record(Verdicts.failed(check, "The load run could not run: " + ex.getMessage(),
						run.failures(check))));
			return new LoadOutcome(null, null, ex.getMessage());
		}
	}

	/** Whether a load or telemetry check judges the profile's load itself, so that it must run to its end. */
	private static boolean measuresTheLoad(Run run, String profile) {
		return run.scenario.checks().stream().anyMatch(check -> check instanceof CheckSpec.LoadCheck load
				&& load.profile().equals(profile)
				|| check instanceof CheckSpec.TelemetryCheck telemetry && telemetry.profile().equals(profile));
	}

	private static List<CheckSpec.HttpCheck> underLoadChecks(Run run, String profile) {
		return run.scenario.checks()
			.stream()
			.filter(check -> check instanceof CheckSpec.HttpCheck http && profile.equals(http.profile()))
			.map(CheckSpec.HttpCheck.class::cast)
			.toList();
	}

	private static Set<String> loadProfilesOf(Scenario scenario) {
		Set<String> profiles = new LinkedHashSet<>();
		for (CheckSpec check : scenario.checks()) {
			if (check instanceof CheckSpec.LoadCheck loadCheck) {
				profiles.add(loadCheck.profile());
			}
			else if (check instanceof CheckSpec.TelemetryCheck telemetryCheck) {
				profiles.add(telemetryCheck.profile());
			}
			else if (check instanceof CheckSpec.HttpCheck http && http.profile() != null) {
				profiles.add(http.profile());
			}
		}
		return profiles;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One "check my solution": the stack, the verdicts so far, and the variable values, drawn once. */
	private final class Run {

		final Stack stack;

		final Scenario scenario;

		final Map<String, Integer> failuresSoFar;

		final CheckListener listener;

		final Map<String, CheckVerdict> verdicts = new LinkedHashMap<>();

		private Map<String, List<String>> variables;

		private String variablesProblem;

		/** Draws this run's samples, parameters and written rows; each http verdict records it. */
		final long seed = HttpChecks.newSeed();

		Run(Stack stack, Scenario scenario, Map<String, Integer> failuresSoFar, CheckListener listener) {
			this.stack = stack;
			this.scenario = scenario;
			this.failuresSoFar = failuresSoFar;
			this.listener = listener;
		}

		int failures(CheckSpec check) {
			return failuresSoFar.getOrDefault(check.id(), 0);
		}

		void record(CheckVerdict verdict) {
			verdicts.put(verdict.checkId(), verdict);
			listener.onVerdict(verdict);
		}

		CheckVerdict http(CheckSpec.HttpCheck check) {
			if (variables == null && variablesProblem == null) {
				try {
					variables = StackData.drawVariables(stack, scenario.variables(), new java.util.Random(seed));
				}
				catch (IllegalStateException ex) {
					variablesProblem = ex.getMessage();
				}
			}
			return variablesProblem != null ? Verdicts.failed(check, variablesProblem, failures(check))
					: httpChecks.run(check, scenario.packageDir(), stack, variables,
							check.profile() == null ? 1 : HTTP_CONCURRENCY_UNDER_LOAD, seed, failures(check));
		}

	}

}
