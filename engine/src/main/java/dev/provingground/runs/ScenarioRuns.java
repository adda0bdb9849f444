package dev.provingground.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.Scenario;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.checks.CheckReport;
import dev.provingground.checks.CheckVerdict;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.load.MeasurementCancelledException;
import dev.provingground.load.MeasurementQueue;
import dev.provingground.load.StackAccessDeniedException;
import dev.provingground.load.StackNotReadyException;
import dev.provingground.loadgen.LoadReport;
import dev.provingground.provisioning.StackProvisioningException;
import dev.provingground.provisioning.StackState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work of each step of a scenario run, called by the scenario-run process, and the learner's requests that feed
 * it. A learner's mistake (a crashed app, a failing check) is recorded for them to read; only a platform failure
 * (a stack that cannot be provisioned) is thrown, so that the engine retries it and then raises an incident.
 */
@Service
public class ScenarioRuns {

	/** Evidence kinds a run records. */
	public static final String LOAD_BEFORE = "load-before";

	public static final String LOAD_AFTER = "load-after";

	public static final String DIFF = "diff";

	public static final String CHECK_RESULTS = "check-results";

	public static final String REFLECTION = "reflection";

	/** What a learner can ask for while working on the fix. */
	public static final String ACTION_LOAD = "load";

	public static final String ACTION_RESTART = "restart";

	public static final String ACTION_CHECK = "check";

	public static final String ACTION_GIVE_UP = "giveUp";

	public static final Set<String> ACTIONS = Set.of(ACTION_LOAD, ACTION_RESTART, ACTION_CHECK, ACTION_GIVE_UP);

	private final JdbcClient jdbc;

	private final ScenarioCatalog catalog;

	private final Workspaces workspaces;

	private final RunStacks stacks;

	private final EvidenceStore evidence;

	private final RunSettings settings;

	private final ObjectMapper json;

	private final ApplicationEventPublisher events;

	ScenarioRuns(JdbcClient jdbc, ScenarioCatalog catalog, Workspaces workspaces, RunStacks stacks,
			EvidenceStore evidence, RunSettings settings, ObjectMapper json, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.workspaces = workspaces;
		this.stacks = stacks;
		this.evidence = evidence;
		this.settings = settings;
		this.json = json;
	}

	/**
	 * Creates a run with a fresh workspace copied from the starter.
	 * @throws dev.provingground.catalog.UnknownScenarioException when the catalog has no such scenario
	 */
	@Transactional
	public ScenarioRun create(String learnerId, String scenarioId) {
		Scenario scenario = catalog.get(scenarioId);
		requireRoomForAnotherStack(learnerId);
		UUID id = UUID.randomUUID();
		workspaces.create(id, scenario);
		jdbc.sql("""
				insert into scenario_run (id, learner_id, scenario_id, scenario_version, skill, state)
				values (?, ?, ?, ?, ?, 'PROVISIONING')
				""").params(id, learnerId, scenario.id(), scenario.version(), scenario.skill()).update();
		return get(id);
	}

	@Transactional
	public void attachProcess(UUID runId, String processInstanceId) {
		jdbc.sql("update scenario_run set process_instance_id = ? where id = ?").params(processInstanceId, runId).update();
	}

	public ScenarioRun get(UUID runId) {
		return find(runId).orElseThrow(() -> new RunNotFoundException(runId));
	}

	public Optional<ScenarioRun> find(UUID runId) {
		return jdbc.sql("select * from scenario_run where id = ?").param(runId).query(this::row).optional();
	}

	/** The learner's own run; another learner's is reported as missing. */
	public ScenarioRun ownedBy(UUID runId, String learnerId) {
		return find(runId).filter(run -> run.learnerId().equals(learnerId))
			.orElseThrow(() -> new RunNotFoundException(runId));
	}

	public List<ScenarioRun> ofLearner(String learnerId) {
		return jdbc.sql("select * from scenario_run where learner_id = ? order by started_at desc")
			.param(learnerId)
			.query(this::row)
			.list();
	}

	public Scenario scenarioOf(ScenarioRun run) {
		return catalog.get(run.scenarioId());
	}

	/**
	 * Checks a learner's request while they work on the fix, and marks the run busy with it until its job is done.
	 * @throws InvalidRunRequestException when the run is not waiting for the learner, or the load profile is unknown
	 */
	@Transactional
	public ScenarioRun requestAction(UUID runId, String learnerId, String action, String loadProfile) {
		ScenarioRun run = ownedBy(runId, learnerId);
		if (action == null || !ACTIONS.contains(action)) {
			throw new InvalidRunRequestException("Unknown action '" + action + "'; use one of " + ACTIONS);
		}
		if (run.state() != RunState.WORKING || run.busyWith() != null) {
			throw new InvalidRunRequestException(run.busyWith() != null
					? "The run is busy with " + run.busyWith() + "; wait until it is done"
					: "The run is " + run.state().name().toLowerCase() + ", not waiting for your fix");
		}
		var profiles = scenarioOf(run).loadProfiles().keySet();
		if (action.equals(ACTION_LOAD) && !profiles.contains(String.valueOf(loadProfile))) {
			throw new InvalidRunRequestException("Scenario " + run.scenarioId() + " has no load profile '" + loadProfile
					+ "'; it has " + profiles.stream().sorted().toList());
		}
		if (!action.equals(ACTION_GIVE_UP)) {
			jdbc.sql("update scenario_run set busy_with = ?, updated_at = now() where id = ?").params(action, runId).update();
		}
		return get(runId);
	}

	/** Starts the stack from the workspace. A failure is thrown: the engine retries, then raises an incident. */
	@Transactional
	public void provision(UUID runId) {
		ScenarioRun run = get(runId);
		UUID stackId = stacks.provision(run, scenarioOf(run), workspaces.of(runId));
		jdbc.sql("update scenario_run set stack_id = ?, state = 'WORKING', busy_with = null, updated_at = now() where id = ?")
			.params(stackId, runId)
			.update();
	}

	/** The baseline load run, which makes the problem visible, recorded as the "before" evidence. */
	@Transactional
	public void runBaseline(UUID runId) {
		ScenarioRun run = withStack(get(runId));
		Scenario scenario = scenarioOf(run);
		LoadReport baseline = stacks.runLoad(run, scenario, Scenario.BASELINE_PROFILE);
		String report = toJson(baseline);
		jdbc.sql("update scenario_run set baseline_report = ?::jsonb, updated_at = now() where id = ?")
			.params(report, runId)
			.update();
		append(run, LOAD_BEFORE, report);
		events.publishEvent(new RunStepDone(runId, run.learnerId(), ACTION_LOAD,
				"the platform's own run, before any change: " + loadOutcome(Scenario.BASELINE_PROFILE, baseline)));
	}

	/** A learner's load run. Its outcome, or why it could not run, is the run's last action. */
	@Transactional
	public void runLoad(UUID runId, String profile) {
		Map<String, Object> action = action(ACTION_LOAD);
		action.put("profile", profile);
		ScenarioRun run = get(runId);
		try {
			run = withStack(run);
			LoadReport report = stacks.runLoad(run, scenarioOf(run), profile);
			action.put("ok", true);
			action.put("report", report);
		}
		catch (StackNotReadyException | StackAccessDeniedException | StackProvisioningException
				| MeasurementCancelledException | IllegalArgumentException ex) {
			action.put("ok", false);
			action.put("message", ex.getMessage());
		}
		finishAction(run, action);
	}

	/** Restarts the app from the workspace; when it does not come up, the app's log says why. */
	@Transactional
	public void restart(UUID runId) {
		ScenarioRun run = get(runId);
		Map<String, Object> action = action(ACTION_RESTART);
		try {
			ScenarioRun current = withStack(run);
			// A new stack (the old one was gone) already started the app from the workspace as it is now.
			if (Objects.equals(current.stackId(), run.stackId())) {
				useStack(current, stacks.restart(current, scenarioOf(current), workspaces.of(runId)));
			}
			action.put("ok", true);
			action.put("message", "The app restarted from your workspace and is healthy");
		}
		catch (StackProvisioningException | StackNotReadyException | StackAccessDeniedException
				| IllegalArgumentException ex) {
			action.put("ok", false);
			action.put("message", ex.getMessage());
			action.put("log", stacks.appLog(run));
		}
		finishAction(run, action);
	}

	/**
	 * What a check run came to.
	 *
	 * @param score the share of checks that passed
	 * @param attempts check runs so far, this one included
	 */
	public record CheckOutcome(boolean allPassed, double score, int attempts) {
	}

	/** Runs every check and counts the attempt; failed checks bring their next hint. */
	@Transactional
	public CheckOutcome runChecks(UUID runId) {
		ScenarioRun run = get(runId);
		CheckReport report;
		try {
			run = withStack(run);
			report = stacks.runChecks(run, scenarioOf(run), run.checkFailures());
		}
		catch (MeasurementCancelledException ex) {
			Map<String, Object> action = action(ACTION_CHECK);
			action.put("ok", false);
			action.put("message", "You cancelled the checks before their turn came; nothing was counted.");
			finishAction(run, action);
			return new CheckOutcome(false, run.checkScore() == null ? 0 : run.checkScore(), run.attempts());
		}
		catch (StackNotReadyException | StackAccessDeniedException | StackProvisioningException ex) {
			Map<String, Object> action = action(ACTION_CHECK);
			action.put("ok", false);
			action.put("message", "The checks could not run: " + ex.getMessage() + ". Restart your app and try again.");
			finishAction(run, action);
			return new CheckOutcome(false, run.checkScore() == null ? 0 : run.checkScore(), run.attempts());
		}
		Map<String, Integer> failures = new HashMap<>(run.checkFailures());
		report.verdicts().stream().filter(CheckVerdict::failed)
			.forEach(verdict -> failures.merge(verdict.checkId(), 1, Integer::sum));
		long passed = report.verdicts().stream().filter(CheckVerdict::passed).count();
		double score = report.verdicts().isEmpty() ? 0 : (double) passed / report.verdicts().size();
		jdbc.sql("""
				update scenario_run
				set attempts = attempts + 1, check_failures = ?::jsonb, last_check_report = ?::jsonb,
				    checks_passed = ?, check_score = ?, busy_with = null, updated_at = now()
				where id = ?
				""").params(toJson(failures), toJson(report), report.allPassed(), score, runId).update();
		jdbc.sql("insert into run_attempt (run_id, attempt, passed, score, report) values (?, ?, ?, ?, ?::jsonb)")
			.params(runId, run.attempts() + 1, report.allPassed(), score, toJson(report))
			.update();
		if (report.allPassed()) {
			jdbc.sql("update scenario_run set state = 'REFLECTING' where id = ?").param(runId).update();
		}
		events.publishEvent(new RunStepDone(runId, run.learnerId(), ACTION_CHECK, "attempt " + (run.attempts() + 1)
				+ ": " + passed + " of " + report.verdicts().size() + " checks passed" + report.verdicts().stream()
					.filter(CheckVerdict::failed)
					.map(verdict -> "; " + verdict.checkId() + " failed")
					.collect(java.util.stream.Collectors.joining())));
		return new CheckOutcome(report.allPassed(), score, run.attempts() + 1);
	}

	/** One check run of a run: its verdicts, with the hints it gave, in {@code report}. */
	public record Attempt(int attempt, boolean passed, double score, @JsonRawValue String report, Instant checkedAt) {
	}

	/** The learner's check runs of one of their runs, first to last. */
	public List<Attempt> attempts(UUID runId, String learnerId) {
		ownedBy(runId, learnerId);
		return jdbc.sql("select * from run_attempt where run_id = ? order by attempt")
			.param(runId)
			.query((rs, row) -> new Attempt(rs.getInt("attempt"), rs.getBoolean("passed"), rs.getDouble("score"),
					rs.getString("report"), rs.getTimestamp("checked_at").toInstant()))
			.list();
	}

	/** The learner stopped trying: the reflection comes next, and the solution is theirs to read. */
	@Transactional
	public void giveUp(UUID runId) {
		jdbc.sql("update scenario_run set gave_up = true, state = 'REFLECTING', busy_with = null, updated_at = now() where id = ?")
			.param(runId)
			.update();
	}

	/**
	 * Stores the learner's answers to the scenario's reflection questions, one answer per question, in order.
	 * @throws InvalidRunRequestException when the run is not at its reflection, or an answer is missing or too long
	 */
	@Transactional
	public void submitReflection(UUID runId, String learnerId, List<String> answers) {
		ScenarioRun run = ownedBy(runId, learnerId);
		if (run.state() != RunState.REFLECTING) {
			throw new InvalidRunRequestException("The run is " + run.state().name().toLowerCase()
					+ "; the reflection comes after the checks pass or you give up");
		}
		List<String> questions = scenarioOf(run).reflection();
		if (answers == null || answers.size() != questions.size()) {
			throw new InvalidRunRequestException("Answer each of the " + questions.size() + " reflection questions, in order; got "
					+ (answers == null ? 0 : answers.size()) + " answers");
		}
		List<Map<String, String>> reflection = new java.util.ArrayList<>();
		for (int i = 0; i < questions.size(); i++) {
			String answer = answers.get(i) == null ? "" : answers.get(i).strip();
			if (answer.isEmpty()) {
				throw new InvalidRunRequestException("Question " + (i + 1) + " has no answer: " + questions.get(i));
			}
			if (answer.length() > settings.maxReflectionChars()) {
				throw new InvalidRunRequestException("The answer to question " + (i + 1) + " is " + answer.length()
						+ " characters; the limit is " + settings.maxReflectionChars());
			}
			reflection.add(Map.of("question", questions.get(i), "answer", answer));
		}
		jdbc.sql("update scenario_run set reflection = ?::jsonb, updated_at = now() where id = ?")
			.params(toJson(reflection), runId)
			.update();
	}

	/**
	 * Records the run's evidence: the workspace diff against the starter, the "after" load reports, the check results
	 * and the reflection. Recording twice (a retried job) keeps one of each.
	 */
	@Transactional
	public void recordEvidence(UUID runId) {
		ScenarioRun run = get(runId);
		Scenario scenario = scenarioOf(run);
		append(run, DIFF, toJson(Map.of("scenario", scenario.id(), "files", workspaces.diff(runId, scenario))));
		if (run.lastCheckReport() != null) {
			CheckReport report = fromJson(run.lastCheckReport(), CheckReport.class);
			append(run, LOAD_AFTER, toJson(report.loadReports()));
			append(run, CHECK_RESULTS, toJson(Map.of("passed", run.checksPassed(), "attempts", run.attempts(),
					"gaveUp", run.gaveUp(), "verdicts", report.verdicts())));
		}
		else {
			append(run, CHECK_RESULTS, toJson(Map.of("passed", false, "attempts", run.attempts(), "gaveUp", run.gaveUp(),
					"verdicts", List.of())));
		}
		if (run.reflection() != null) {
			append(run, REFLECTION, run.reflection());
		}
		events.publishEvent(new RunEvidenceRecorded(run.id(), run.learnerId(), run.skill(), run.scenarioId(),
				run.processInstanceId()));
		jdbc.sql("update scenario_run set state = 'IN_REVIEW', updated_at = now() where id = ?").param(runId).update();
	}

	/** Tears the stack down at the end of the fix phase; the workspace stays, as the diff's source. */
	@Transactional
	public void tearDown(UUID runId) {
		ScenarioRun run = get(runId);
		stacks.tearDown(run);
		jdbc.sql("update scenario_run set stack_id = null, busy_with = null, updated_at = now() where id = ?")
			.param(runId)
			.update();
	}

	/** Idle too long: the stack goes, the workspace stays until the learner resumes. */
	@Transactional
	public void park(UUID runId) {
		tearDown(runId);
		jdbc.sql("update scenario_run set state = 'PARKED' where id = ?").param(runId).update();
	}

	/**
	 * @throws InvalidRunRequestException when the run is not parked
	 */
	@Transactional
	public void resume(UUID runId, String learnerId) {
		ScenarioRun run = ownedBy(runId, learnerId);
		if (run.state() != RunState.PARKED) {
			throw new InvalidRunRequestException("Only a parked run can be resumed; this one is "
					+ run.state().name().toLowerCase());
		}
		requireRoomForAnotherStack(learnerId);
		jdbc.sql("update scenario_run set state = 'PROVISIONING', updated_at = now() where id = ?").param(runId).update();
	}

	/**
	 * Every run in progress holds a stack on the platform's machines, which all learners share: a learner who starts
	 * runs without end would take them all. The learner's lock makes two requests at once count each other.
	 * @throws InvalidRunRequestException when the learner has as many runs in progress as they may
	 */
	private void requireRoomForAnotherStack(String learnerId) {
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext(?))) locked")
			.param("runs-of:" + learnerId)
			.query(Integer.class)
			.single();
		long inProgress = jdbc.sql("""
				select count(*) from scenario_run
				where learner_id = ? and state in ('PROVISIONING', 'WORKING', 'REFLECTING')
				""").param(learnerId).query(Long.class).single();
		if (inProgress >= settings.maxActivePerLearner()) {
			throw new InvalidRunRequestException("You have " + inProgress + " runs in progress, each with a stack of its "
					+ "own, and " + settings.maxActivePerLearner() + " is the most at once. Finish or cancel one, or "
					+ "leave it idle until it is parked, and start this one then.");
		}
	}

	/** @throws InvalidRunRequestException when the work was already submitted */
	public void requireCancellable(UUID runId, String learnerId) {
		ScenarioRun run = ownedBy(runId, learnerId);
		if (!run.state().cancellable()) {
			throw new InvalidRunRequestException("The run is " + run.state().name().toLowerCase()
					+ "; only a run that was not submitted yet can be cancelled");
		}
	}

	@Transactional
	public void cancel(UUID runId) {
		tearDown(runId);
		end(runId, RunState.CANCELLED);
	}

	@Transactional
	public void complete(UUID runId) {
		end(runId, RunState.COMPLETED);
	}

	private void end(UUID runId, RunState state) {
		jdbc.sql("update scenario_run set state = ?, ended_at = now(), updated_at = now() where id = ?")
			.params(state.name(), runId)
			.update();
	}

	/**
	 * The run's stack, or a new one from the workspace when it is gone: the reaper removed it because the platform node
	 * that ran it stopped (ADR 0015). A stack whose app failed to restart is not gone; the learner fixes and restarts it.
	 * @throws StackProvisioningException when the new stack cannot start
	 */
	private ScenarioRun withStack(ScenarioRun run) {
		boolean gone = run.stackId() != null
				&& stacks.describe(run).filter(stack -> stack.state() == StackState.STOPPED).isPresent();
		if (!gone) {
			return run;
		}
		return useStack(run, stacks.provision(run, scenarioOf(run), workspaces.of(run.id())));
	}

	private ScenarioRun useStack(ScenarioRun run, UUID stackId) {
		if (stackId.equals(run.stackId())) {
			return run;
		}
		jdbc.sql("update scenario_run set stack_id = ?, updated_at = now() where id = ?").params(stackId, run.id()).update();
		return get(run.id());
	}

	private void append(ScenarioRun run, String kind, String payload) {
		evidence.append(run.learnerId(), run.skill(), run.scenarioId(), run.processInstanceId(), kind, payload);
	}

	private static Map<String, Object> action(String kind) {
		Map<String, Object> action = new LinkedHashMap<>();
		action.put("action", kind);
		action.put("at", java.time.Instant.now().toString());
		return action;
	}

	private void finishAction(ScenarioRun run, Map<String, Object> action) {
		jdbc.sql("update scenario_run set last_action = ?::jsonb, busy_with = null, updated_at = now() where id = ?")
			.params(toJson(action), run.id())
			.update();
		events.publishEvent(new RunStepDone(run.id(), run.learnerId(), String.valueOf(action.get("action")),
				stepOutcome(action)));
	}

	/** A finished action in a sentence, for the run's timeline. */
	private static String stepOutcome(Map<String, Object> action) {
		if (!Boolean.TRUE.equals(action.get("ok"))) {
			return "did not complete: " + action.get("message");
		}
		if (action.get("report") instanceof LoadReport report) {
			return loadOutcome(String.valueOf(action.get("profile")), report);
		}
		return String.valueOf(action.get("message"));
	}

	private static String loadOutcome(String profile, LoadReport report) {
		return String.format(java.util.Locale.ROOT, "profile %s: %d requests, %.1f a second, p95 %.1f ms, %d errors",
				profile, report.requests(), report.throughputRps(), report.p95Ms(), report.errors());
	}

	private String toJson(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	private <T> T fromJson(String text, Class<T> type) {
		try {
			return json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot read a stored " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private ScenarioRun row(ResultSet rs, int row) throws SQLException {
		Map<String, Integer> failures;
		try {
			failures = json.readValue(rs.getString("check_failures"), new TypeReference<Map<String, Integer>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		Timestamp ended = rs.getTimestamp("ended_at");
		return new ScenarioRun(rs.getObject("id", UUID.class), rs.getString("learner_id"), rs.getString("scenario_id"),
				rs.getString("scenario_version"), rs.getString("skill"), rs.getString("process_instance_id"),
				RunState.valueOf(rs.getString("state")), rs.getString("busy_with"), rs.getObject("stack_id", UUID.class),
				rs.getInt("attempts"), failures, rs.getBoolean("checks_passed"), rs.getBoolean("gave_up"),
				rs.getBigDecimal("check_score") == null ? null : rs.getBigDecimal("check_score").doubleValue(),
				rs.getString("baseline_report"), rs.getString("last_check_report"), rs.getString("last_action"),
				rs.getString("reflection"), rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), ended == null ? null : ended.toInstant());
	}

}
