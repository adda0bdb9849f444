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
 * Runs a scenario's checks on a learner's stack. The quick ones (sql, http) go first; then each load profile the
 * load and telemetry checks name runs once, with telemetry recorded alongside, and all its checks share that run.
 */
@Service
public class CheckService {

	private final LoadService load;

	private final TelemetryService telemetry;

	private final HttpChecks httpChecks = new HttpChecks(
			HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());

	public CheckService(LoadService load, TelemetryService telemetry) {
		this.load = load;
		this.telemetry = telemetry;
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
		Map<String, CheckVerdict> verdicts = new LinkedHashMap<>();
		Map<String, List<String>> variables = null;
		String variablesProblem = null;
		for (CheckSpec check : scenario.checks()) {
			int failures = failuresSoFar.getOrDefault(check.id(), 0);
			CheckVerdict verdict = null;
			if (check instanceof CheckSpec.SqlCheck sql) {
				verdict = SqlChecks.run(sql, stack, failures);
			}
			else if (check instanceof CheckSpec.HttpCheck http) {
				if (variables == null && variablesProblem == null) {
					try {
						variables = StackData.drawVariables(stack, scenario.variables());
					}
					catch (IllegalStateException ex) {
						variablesProblem = ex.getMessage();
					}
				}
				verdict = variablesProblem != null ? Verdicts.failed(check, variablesProblem, failures)
						: httpChecks.run(http, stack, variables, failures);
			}
			if (verdict != null) {
				verdicts.put(check.id(), verdict);
				listener.onVerdict(verdict);
			}
		}
		Map<String, LoadReport> reports = new LinkedHashMap<>();
		Map<String, TelemetrySummary> summaries = new LinkedHashMap<>();
		for (String profile : loadProfilesOf(scenario)) {
			LoadOutcome outcome = runProfile(userId, stack, scenario, profile, listener);
			if (outcome.report() != null) {
				reports.put(profile, outcome.report());
			}
			if (outcome.telemetry() != null) {
				summaries.put(profile, outcome.telemetry());
			}
			for (CheckSpec check : scenario.checks()) {
				int failures = failuresSoFar.getOrDefault(check.id(), 0);
				CheckVerdict verdict = null;
				if (check instanceof CheckSpec.LoadCheck loadCheck && loadCheck.profile().equals(profile)) {
					verdict = LoadVerdicts.load(loadCheck, outcome, failures);
				}
				else if (check instanceof CheckSpec.TelemetryCheck telemetryCheck
						&& telemetryCheck.profile().equals(profile)) {
					verdict = LoadVerdicts.telemetry(telemetryCheck, outcome, failures);
				}
				if (verdict != null) {
					verdicts.put(check.id(), verdict);
					listener.onVerdict(verdict);
				}
			}
		}
		List<CheckVerdict> inManifestOrder = new ArrayList<>();
		scenario.checks().forEach(check -> inManifestOrder.add(verdicts.get(check.id())));
		return new CheckReport(inManifestOrder, reports, summaries);
	}

	private LoadOutcome runProfile(String userId, Stack stack, Scenario scenario, String profile,
			CheckListener listener) {
		TelemetryRecording recording;
		try {
			recording = telemetry.record(stack, sample -> listener.onTelemetry(profile, sample));
		}
		catch (IllegalStateException ex) {
			return new LoadOutcome(null, null, ex.getMessage());
		}
		try (recording) {
			LoadRun run = load.start(userId, stack.id(), scenario, profile,
					sample -> listener.onLoadSample(profile, sample));
			LoadReport report = run.report().join();
			return new LoadOutcome(report, recording.stop(), null);
		}
		catch (CompletionException ex) {
			return new LoadOutcome(null, null, String.valueOf(ex.getCause().getMessage()));
		}
		catch (RuntimeException ex) {
			return new LoadOutcome(null, null, ex.getMessage());
		}
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
		}
		return profiles;
	}

}
