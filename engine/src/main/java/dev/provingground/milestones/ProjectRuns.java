package dev.provingground.milestones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.FileChange;
import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.WorkspaceFiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work of each step of a milestone project, called by the milestone-project process, and the learner's requests
 * that feed it. A failing document check is the learner's to read, with its hint; it is never an error.
 */
@Service
public class ProjectRuns {

	/** Evidence kinds a project records. {@code diff} is compared for similarity like a scenario's. */
	public static final String DIFF = "diff";

	public static final String DOCUMENTS = "documents";

	public static final String MILESTONE_RESULTS = "milestone-results";

	/** What a learner can ask for while working on a milestone. */
	public static final String ACTION_CHECK = "check";

	public static final String ACTION_GIVE_UP = "giveUp";

	public static final Set<String> ACTIONS = Set.of(ACTION_CHECK, ACTION_GIVE_UP);

	private final JdbcClient jdbc;

	private final ProjectCatalog catalog;

	private final EvidenceStore evidence;

	private final ObjectMapper json;

	private final Path workspaces;

	ProjectRuns(JdbcClient jdbc, ProjectCatalog catalog, EvidenceStore evidence, ObjectMapper json,
			PlatformSettings platform) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.evidence = evidence;
		this.json = json;
		this.workspaces = platform.dataDirOf("project-workspaces");
	}

	/**
	 * Starts a project with a workspace copied from its starter documents.
	 * @throws UnknownProjectException when the catalog has no such project
	 */
	@Transactional
	public ProjectRun create(String learnerId, String projectId) {
		Project project = catalog.get(projectId);
		UUID id = UUID.randomUUID();
		Path workspace = workspaceOf(id);
		try {
			Files.createDirectories(workspace);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the workspace " + workspace, ex);
		}
		project.copyStarterTo(workspace);
		jdbc.sql("insert into project_run (id, learner_id, project_id, skill, state) values (?, ?, ?, ?, 'WORKING')")
			.params(id, learnerId, project.id(), project.skill())
			.update();
		return get(id);
	}

	@Transactional
	public void attachProcess(UUID runId, String processInstanceId) {
		jdbc.sql("update project_run set process_instance_id = ? where id = ?").params(processInstanceId, runId).update();
	}

	public ProjectRun get(UUID runId) {
		return find(runId).orElseThrow(() -> new ProjectRunNotFoundException(runId));
	}

	public Optional<ProjectRun> find(UUID runId) {
		return jdbc.sql("select * from project_run where id = ?").param(runId).query(this::row).optional()
			.map(this::withMilestones);
	}

	/** The learner's own project run; another learner's is reported as missing. */
	public ProjectRun ownedBy(UUID runId, String learnerId) {
		return find(runId).filter(run -> run.learnerId().equals(learnerId))
			.orElseThrow(() -> new ProjectRunNotFoundException(runId));
	}

	public List<ProjectRun> ofLearner(String learnerId) {
		return jdbc.sql("select * from project_run where learner_id = ? order by started_at desc")
			.param(learnerId)
			.query(this::row)
			.list()
			.stream()
			.map(this::withMilestones)
			.toList();
	}

	public Project projectOf(ProjectRun run) {
		return catalog.get(run.projectId());
	}

	/** The learner starts on a milestone: the steps and checks the page shows are now this one's. */
	@Transactional
	public void openMilestone(UUID runId, String milestoneId) {
		ProjectRun run = get(runId);
		Project project = projectOf(run);
		int position = project.milestones().indexOf(project.milestone(milestoneId)) + 1;
		jdbc.sql("""
				insert into project_milestone (run_id, milestone_id, position) values (?, ?, ?)
				on conflict (run_id, milestone_id) do nothing
				""").params(runId, milestoneId, position).update();
		jdbc.sql("update project_run set milestone_id = ?, busy_with = null, updated_at = now() where id = ?")
			.params(milestoneId, runId)
			.update();
	}

	/**
	 * Checks a learner's request while they work on a milestone, and marks the run busy with the checks until they ran.
	 * @throws InvalidProjectRequestException when the run is not waiting for the learner, or the action is unknown
	 */
	@Transactional
	public ProjectRun requestAction(UUID runId, String learnerId, String action) {
		ProjectRun run = ownedBy(runId, learnerId);
		if (action == null || !ACTIONS.contains(action)) {
			throw new InvalidProjectRequestException("Unknown action '" + action + "'; use one of " + ACTIONS.stream().sorted().toList());
		}
		if (run.state() != ProjectRunState.WORKING || run.milestoneId() == null) {
			throw new InvalidProjectRequestException("The project is " + run.state().name().toLowerCase().replace('_', ' ')
					+ ", not waiting for your work on a milestone");
		}
		if (run.busyWith() != null) {
			throw new InvalidProjectRequestException("The project is busy with " + run.busyWith() + "; wait until it is done");
		}
		if (action.equals(ACTION_CHECK)) {
			jdbc.sql("update project_run set busy_with = ?, updated_at = now() where id = ?").params(action, runId).update();
		}
		return get(runId);
	}

	/** What a check run of a milestone came to; {@code attempts} counts this one. */
	public record MilestoneOutcome(boolean passed, double score, int attempts) {
	}

	/** Runs the current milestone's document checks over the workspace; failed checks bring their next hint. */
	@Transactional
	public MilestoneOutcome checkMilestone(UUID runId) {
		ProjectRun run = get(runId);
		ProjectRun.MilestoneProgress progress = current(run);
		Map<String, Integer> failures = new HashMap<>(failuresOf(runId, progress.milestoneId()));
		List<DocumentVerdict> verdicts = MilestoneChecks.run(projectOf(run), progress.milestoneId(), workspaceOf(runId),
				failures);
		verdicts.stream().filter(verdict -> !verdict.passed())
			.forEach(verdict -> failures.merge(verdict.checkId(), 1, Integer::sum));
		boolean passed = verdicts.stream().allMatch(DocumentVerdict::passed);
		double score = verdicts.isEmpty() ? 0 : (double) verdicts.stream().filter(DocumentVerdict::passed).count() / verdicts.size();
		int attempt = progress.attempts() + 1;
		jdbc.sql("""
				update project_milestone
				set attempts = ?, check_failures = ?::jsonb, last_verdicts = ?::jsonb, passed = ?,
				    finished_at = case when ? then now() else finished_at end
				where run_id = ? and milestone_id = ?
				""").params(attempt, toJson(failures), toJson(verdicts), passed, passed, runId, progress.milestoneId())
			.update();
		jdbc.sql("""
				insert into project_attempt (run_id, milestone_id, attempt, passed, score, verdicts)
				values (?, ?, ?, ?, ?, ?::jsonb)
				""").params(runId, progress.milestoneId(), attempt, passed, score, toJson(verdicts)).update();
		// A finished milestone is no longer at hand; the process opens the next one in the same transaction.
		jdbc.sql("""
				update project_run set busy_with = null, milestone_id = case when ? then null else milestone_id end,
				       updated_at = now()
				where id = ?
				""").params(passed, runId).update();
		return new MilestoneOutcome(passed, score, attempt);
	}

	/** The learner stopped trying this milestone: its solution is theirs to read, and the next one opens. */
	@Transactional
	public void giveUpMilestone(UUID runId) {
		ProjectRun.MilestoneProgress progress = current(get(runId));
		jdbc.sql("update project_milestone set gave_up = true, finished_at = now() where run_id = ? and milestone_id = ?")
			.params(runId, progress.milestoneId())
			.update();
		jdbc.sql("update project_run set busy_with = null, milestone_id = null, updated_at = now() where id = ?")
			.param(runId)
			.update();
	}

	/** One check run of a milestone, with the verdicts and hints it gave. */
	public record Attempt(String milestoneId, int attempt, boolean passed, double score, @JsonRawValue String verdicts,
			Instant checkedAt) {
	}

	/** The learner's check runs of one of their projects, milestone by milestone, first to last. */
	public List<Attempt> attempts(UUID runId, String learnerId) {
		ownedBy(runId, learnerId);
		return jdbc.sql("""
				select a.* from project_attempt a
				join project_milestone m on m.run_id = a.run_id and m.milestone_id = a.milestone_id
				where a.run_id = ? order by m.position, a.attempt
				""")
			.param(runId)
			.query((rs, row) -> new Attempt(rs.getString("milestone_id"), rs.getInt("attempt"), rs.getBoolean("passed"),
					rs.getDouble("score"), rs.getString("verdicts"), rs.getTimestamp("checked_at").toInstant()))
			.list();
	}

	/**
	 * The reference solution's documents for a milestone, by path, once it passed or the learner gave up on it.
	 * @throws InvalidProjectRequestException before then
	 */
	public Map<String, String> solution(UUID runId, String learnerId, String milestoneId) {
		ProjectRun run = ownedBy(runId, learnerId);
		Project project = projectOf(run);
		project.milestone(milestoneId);
		boolean revealed = run.milestones().stream()
			.anyMatch(progress -> progress.milestoneId().equals(milestoneId) && progress.solutionRevealed());
		if (!revealed) {
			throw new InvalidProjectRequestException(
					"The solution of this milestone is revealed once its checks pass, or when you give up on it");
		}
		return ProjectSolutions.filesFor(project, milestoneId);
	}

	public List<WorkspaceFiles.WorkspaceFile> files(UUID runId, String learnerId) {
		return WorkspaceFiles.list(workspaceOf(ownedBy(runId, learnerId).id()));
	}

	/** @throws WorkspaceFiles.InvalidFileException for a path outside the workspace, a missing, binary or too large file */
	public String read(UUID runId, String learnerId, String path) {
		return WorkspaceFiles.read(workspaceOf(ownedBy(runId, learnerId).id()), path);
	}

	/**
	 * Saves a document, creating it (and its folders) if new.
	 * @throws InvalidProjectRequestException once the project was submitted
	 * @throws WorkspaceFiles.InvalidFileException for a bad path or content
	 */
	public void write(UUID runId, String learnerId, String path, String content) {
		ProjectRun run = ownedBy(runId, learnerId);
		if (run.state() != ProjectRunState.WORKING) {
			throw new InvalidProjectRequestException("The documents can be edited only while you work on the milestones; the project is "
					+ run.state().name().toLowerCase().replace('_', ' '));
		}
		WorkspaceFiles.write(workspaceOf(runId), path, content);
	}

	/**
	 * Records the project's evidence: what the learner wrote against the starter, the documents themselves, and how
	 * each milestone went. Recording twice (a retried job) keeps one of each.
	 */
	@Transactional
	public void recordEvidence(UUID runId) {
		ProjectRun run = get(runId);
		Project project = projectOf(run);
		Path workspace = workspaceOf(runId);
		List<FileChange> changes = WorkspaceFiles.diff(project.starterDirectory(), workspace);
		append(run, DIFF, toJson(Map.of("project", project.id(), "files", changes)));
		Map<String, String> documents = new LinkedHashMap<>();
		for (WorkspaceFiles.WorkspaceFile file : WorkspaceFiles.list(workspace)) {
			if (file.editable()) {
				documents.put(file.path(), WorkspaceFiles.read(workspace, file.path()));
			}
		}
		append(run, DOCUMENTS, toJson(Map.of("project", project.id(), "files", documents)));
		append(run, MILESTONE_RESULTS, toJson(Map.of("project", project.id(), "score", run.score(project.milestones().size()),
				"milestones", run.milestones())));
		jdbc.sql("update project_run set state = 'IN_REVIEW', milestone_id = null, busy_with = null, updated_at = now() where id = ?")
			.param(runId)
			.update();
	}

	/** @throws InvalidProjectRequestException when the work was already submitted */
	public void requireCancellable(UUID runId, String learnerId) {
		ProjectRun run = ownedBy(runId, learnerId);
		if (run.state() != ProjectRunState.WORKING) {
			throw new InvalidProjectRequestException("The project is " + run.state().name().toLowerCase().replace('_', ' ')
					+ "; only a project that was not submitted yet can be cancelled");
		}
	}

	@Transactional
	public void cancel(UUID runId) {
		end(runId, ProjectRunState.CANCELLED);
	}

	@Transactional
	public void complete(UUID runId) {
		end(runId, ProjectRunState.COMPLETED);
	}

	Path workspaceOf(UUID runId) {
		return workspaces.resolve(runId.toString());
	}

	private void end(UUID runId, ProjectRunState state) {
		jdbc.sql("update project_run set state = ?, milestone_id = null, busy_with = null, ended_at = now(), updated_at = now() where id = ?")
			.params(state.name(), runId)
			.update();
	}

	private static ProjectRun.MilestoneProgress current(ProjectRun run) {
		return run.milestones().stream()
			.filter(progress -> progress.milestoneId().equals(run.milestoneId()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("project run " + run.id() + " has no open milestone"));
	}

	private Map<String, Integer> failuresOf(UUID runId, String milestoneId) {
		String failures = jdbc.sql("select check_failures from project_milestone where run_id = ? and milestone_id = ?")
			.params(runId, milestoneId)
			.query(String.class)
			.single();
		try {
			return json.readValue(failures, new TypeReference<Map<String, Integer>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot read the stored check failures: " + ex.getMessage(), ex);
		}
	}

	private void append(ProjectRun run, String kind, String payload) {
		evidence.append(run.learnerId(), run.skill(), run.projectId(), run.processInstanceId(), kind, payload);
	}

	private String toJson(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	private ProjectRun withMilestones(ProjectRun run) {
		var milestones = jdbc.sql("select * from project_milestone where run_id = ? order by position")
			.param(run.id())
			.query((rs, row) -> new ProjectRun.MilestoneProgress(rs.getString("milestone_id"), rs.getInt("position"),
					rs.getBoolean("passed"), rs.getBoolean("gave_up"), rs.getInt("attempts"), rs.getString("last_verdicts"),
					rs.getTimestamp("opened_at").toInstant(), instant(rs.getTimestamp("finished_at"))))
			.list();
		return new ProjectRun(run.id(), run.learnerId(), run.projectId(), run.skill(), run.processInstanceId(),
				run.state(), run.milestoneId(), run.busyWith(), milestones, run.startedAt(), run.updatedAt(), run.endedAt());
	}

	private ProjectRun row(ResultSet rs, int row) throws SQLException {
		return new ProjectRun(rs.getObject("id", UUID.class), rs.getString("learner_id"), rs.getString("project_id"),
				rs.getString("skill"), rs.getString("process_instance_id"), ProjectRunState.valueOf(rs.getString("state")),
				rs.getString("milestone_id"), rs.getString("busy_with"), List.of(), rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), instant(rs.getTimestamp("ended_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
