package dev.provingground;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.search.SharedOpenSearch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two platform nodes, each its own JVM, on one PostgreSQL and one OpenSearch (both hosted by this test) and one shared
 * data directory, as ADR 0015 deploys them. Learners run the test scenario on real stacks through both nodes' REST API
 * (as a load balancer would spread them), an evaluator reviews; in the middle, node A is killed with {@code kill -9}
 * while it holds a job and runs a stack. Then:
 * <ul>
 * <li>every Camunda job ran successfully exactly once (the job log, with each node's name as its host name), and both
 * nodes ran jobs; node B took over the jobs node A held once their locks expired;</li>
 * <li>each Quartz firing ran once across the nodes (the recurring-job audit), and firings happened on both;</li>
 * <li>node B completed every run, each with exactly its evidence, none twice, all of it indexed; and once the reaper
 * ran, no stack is left: no stack row alive and no stack process running.</li>
 * </ul>
 */
class ClusterIntegrationTest {

	/** Longer than the longest job (a check run, ~15 s here), short enough for node B to take over quickly. */
	private static final Duration LOCK_TIME = Duration.ofSeconds(40);

	private static final String SCENARIO = "item-lookup";

	private static final int RUNS = 4;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Instant STARTED = Instant.now();

	private static Path dataDir;

	private static Path platformDir;

	private static EmbeddedPostgres postgres;

	private static SharedOpenSearch search;

	private static JdbcClient db;

	private static ClusterNode nodeA;

	private static ClusterNode nodeB;

	private static final Set<String> stackIds = ConcurrentHashMap.newKeySet();

	@BeforeAll
	static void startCluster() throws Exception {
		dataDir = TemporaryDataDirectory.newDataDirectory();
		platformDir = dataDir.resolve("platform");
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("shared-postgres"))
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200")
			.start();
		JdbcClient.create(postgres.getPostgresDatabase()).sql("create database provingground").update();
		db = JdbcClient.create(postgres.getDatabase("postgres", "provingground"));
		search = SharedOpenSearch.start(dataDir.resolve("shared-opensearch"));
		progress("PostgreSQL on port " + postgres.getPort() + " and OpenSearch at " + search.url() + " are up");
		// One node first: the first start creates the schema, the groups and the demo users (ADR 0015).
		nodeA = startNode("node-a");
		nodeA.awaitReady(Duration.ofSeconds(150));
		progress("node-a is ready");
		// The runs are of the test package, which only testers may start.
		db.sql("insert into act_id_membership (user_id_, group_id_) values ('learner', 'testers'), ('learner2', 'testers')")
			.update();
		nodeB = startNode("node-b");
		nodeB.awaitReady(Duration.ofSeconds(150));
		progress("node-b is ready");
	}

	private static ClusterNode startNode(String name) {
		Map<String, String> environment = Map.of("DATABASE_URL",
				"jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/provingground", "DATABASE_USER", "postgres",
				"DATABASE_MAX_POOL_SIZE", "12", "OPENSEARCH_URL", search.url(), "PROVINGGROUND_DATA_DIR",
				platformDir.toString(), "PROVINGGROUND_SCENARIOS_DIR", repository("scenarios"), "PROVINGGROUND_RUBRICS_DIR",
				repository("rubrics"), "PROVINGGROUND_PROJECTS_DIR", repository("projects"), "PROVINGGROUND_SESSION_PROMPTS",
				repository("sessions/prompts.yaml"));
		return ClusterNode.start(name, dataDir, environment, List.of(
				"--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
				// An idle job executor polls at most this far apart, so the survivor finds expired locks soon.
				"--camunda.bpm.job-execution.max-wait=3000",
				"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
				"--provingground.provisioning.heartbeat=2s", "--provingground.provisioning.orphan-after=8s",
				"--provingground.provisioning.reaper-interval=3s", "--provingground.sci.decay-cron=0/10 * * * * ?",
				"--provingground.identity.demo-passwords.learner=" + TemporaryDataDirectory.LEARNER_PASSWORD,
				"--provingground.identity.demo-passwords.learner2=" + TemporaryDataDirectory.LEARNER2_PASSWORD,
				"--provingground.identity.demo-passwords.evaluator=" + TemporaryDataDirectory.EVALUATOR_PASSWORD,
				"--provingground.identity.demo-passwords.admin=" + TemporaryDataDirectory.ADMIN_PASSWORD));
	}

	@AfterAll
	static void stopCluster() throws Exception {
		for (ClusterNode node : new ClusterNode[] { nodeA, nodeB }) {
			if (node != null && node.alive()) {
				node.stop(); // gracefully: the node tears down the stacks it runs
			}
		}
		if (platformDir != null) {
			stackProcesses().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		}
		if (search != null) {
			search.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	@Timeout(value = 7, unit = TimeUnit.MINUTES)
	void twoNodesRunEveryJobOnceAndTheSurvivorFinishesEveryRun() throws Exception {
		var api = new Api();
		ExecutorService learners = Executors.newFixedThreadPool(RUNS);
		List<Future<Run>> runs = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			boolean first = i % 2 == 0;
			runs.add(learners.submit(() -> learnAndReview(api, first ? "learner" : "learner2",
					first ? TemporaryDataDirectory.LEARNER_PASSWORD : TemporaryDataDirectory.LEARNER2_PASSWORD)));
		}
		learners.shutdown();

		Kill kill = killNodeAWhileItWorks(Instant.now());
		progress("killed node-a (kill -9) holding " + kill.lockedJobs().size() + " job(s) and " + kill.stacks().size()
				+ " stack(s)");

		List<Run> finished = new ArrayList<>();
		for (Future<Run> run : runs) {
			finished.add(run.get(200, TimeUnit.SECONDS));
		}
		progress("all " + RUNS + " runs completed");
		awaitNoStacksLeft(Duration.ofSeconds(60));
		awaitEvidenceIndexed(Duration.ofSeconds(30));

		assertEveryJobRanOnce(kill);
		assertEveryQuartzFiringRanOnce(kill);
		assertEachRunHasItsEvidenceOnce(finished);
		assertThat(db.sql("select count(*) from act_ru_incident").query(Long.class).single()).as("incidents").isZero();
		assertThat(kill.stacks()).as("node-a's stacks at the kill, all removed since")
			.allSatisfy(stack -> assertThat(stateOf(stack)).isEqualTo("STOPPED"));
		long replaced = db.sql("select count(*) from (select run_id from stack where ready_at is not null "
				+ "group by run_id having count(*) > 1) runs").query(Long.class).single();
		progress("stacks: " + db.sql("select count(*) from stack").query(Long.class).single() + " provisioned for "
				+ RUNS + " runs, all stopped; " + replaced + " run(s) got a new stack on another node");
	}

	// --- a learner and the evaluator, through the API of whichever node answers ---

	private record Run(String id, String processInstanceId, boolean checksPassed, boolean hasCheckReport) {
	}

	/** Runs the scenario as a learner would (fix, restart, check, reflect), then reviews it as the evaluator. */
	private static Run learnAndReview(Api api, String learner, String password) throws Exception {
		String solution = Files.readString(Path.of(repository("scenarios/" + SCENARIO + "/solution/db/migrate.sql")));
		int questions = new YAMLMapper().readTree(Path.of(repository("scenarios/" + SCENARIO + "/scenario.yaml")).toFile())
			.get("reflection")
			.size();
		JsonNode run = api.call("POST", "/api/runs", learner, password, Map.of("scenarioId", SCENARIO), 201).body();
		String id = run.get("id").asText();
		String processInstance = run.get("processInstanceId").asText();
		boolean fixed = false;
		boolean restarted = false;
		int actions = 0;
		Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
		while (Instant.now().isBefore(deadline)) {
			run = api.call("GET", "/api/runs/" + id, learner, password, null, 200).body();
			String state = run.get("state").asText();
			JsonNode lastAction = run.get("lastAction");
			boolean idle = run.get("busyWith").isNull() && !run.get("baselineReport").isNull();
			switch (state) {
				case "WORKING" -> {
					if (!idle) {
						break;
					}
					if (!fixed) {
						api.call("PUT", "/api/runs/" + id + "/files/content?path=" + encode("db/migrate.sql"), learner,
								password, Map.of("content", solution), 200);
						fixed = true;
					}
					restarted |= lastAction != null && !lastAction.isNull() && lastAction.path("action").asText().equals("restart")
							&& lastAction.path("ok").asBoolean();
					String action = !restarted ? "restart" : run.get("attempts").asInt() < 3 ? "check" : "giveUp";
					if (++actions > 12) {
						throw new AssertionError("run " + id + " made no progress after 12 actions: " + run);
					}
					api.call("POST", "/api/runs/" + id + "/actions", learner, password, Map.of("action", action), -1);
				}
				case "REFLECTING" -> api.call("POST", "/api/runs/" + id + "/reflection", learner, password,
						Map.of("answers", Collections.nCopies(questions, "Every lookup read the whole table; an index on sku.")),
						-1);
				case "IN_REVIEW" -> review(api, processInstance);
				case "COMPLETED" -> {
					return new Run(id, processInstance, run.get("checksPassed").asBoolean(),
							!run.get("lastCheckReport").isNull());
				}
				case "PROVISIONING" -> {
				}
				default -> throw new AssertionError("run " + id + " went " + state + ": " + run);
			}
			Thread.sleep(700);
		}
		throw new AssertionError("run " + id + " did not complete in time");
	}

	/** The evaluator scores the submission with full points, then declines to endorse. */
	private static void review(Api api, String processInstance) throws Exception {
		String evaluator = "evaluator";
		String password = TemporaryDataDirectory.EVALUATOR_PASSWORD;
		for (JsonNode task : api.call("GET", "/api/review/tasks", evaluator, password, null, 200).body()) {
			if (task.get("processInstanceId").asText().equals(processInstance)) {
				String taskId = task.get("taskId").asText();
				JsonNode submission = api.call("GET", "/api/review/tasks/" + taskId, evaluator, password, null, 200).body();
				Map<String, Integer> points = new LinkedHashMap<>();
				for (JsonNode criterion : submission.get("rubric").get("criteria")) {
					int best = 0;
					for (JsonNode level : criterion.get("levels")) {
						best = Math.max(best, level.get("points").asInt());
					}
					points.put(criterion.get("id").asText(), best);
				}
				api.call("POST", "/api/review/tasks/" + taskId, evaluator, password,
						Map.of("points", points, "comment", "A real index, measured under load."), -1);
			}
		}
		for (JsonNode task : api.call("GET", "/api/review/endorsements", evaluator, password, null, 200).body()) {
			if (task.get("processInstanceId").asText().equals(processInstance)) {
				api.call("POST", "/api/review/endorsements/" + task.get("taskId").asText(), evaluator, password,
						Map.of("endorse", false, "comment", ""), -1);
			}
		}
	}

	// --- the kill ---

	private record LockedJob(String id, Timestamp lockExpires) {
	}

	private record Kill(Instant at, List<LockedJob> lockedJobs, List<String> stacks) {
	}

	/**
	 * Waits until node A has done some of the work, holds the lock of a job and runs a stack, then kills it. Which
	 * lock owner is node A's is learnt from jobs that finished: the job log names the node that ran each.
	 */
	private static Kill killNodeAWhileItWorks(Instant runsStarted) throws Exception {
		Map<String, String> ownerOfJob = new HashMap<>();
		Map<String, String> nodeOfOwner = new HashMap<>();
		Instant deadline = runsStarted.plus(Duration.ofSeconds(150));
		while (Instant.now().isBefore(deadline)) {
			record Lock(String job, String owner, Timestamp expires) {
			}
			List<Lock> locks = db.sql("""
					select id_, lock_owner_, lock_exp_time_ from act_ru_job
					where lock_owner_ is not null and lock_exp_time_ > now()
					""").query((rs, row) -> new Lock(rs.getString(1), rs.getString(2), rs.getTimestamp(3))).list();
			locks.forEach(lock -> ownerOfJob.put(lock.job(), lock.owner()));
			db.sql("select job_id_, hostname_ from act_hi_job_log where job_state_ = 2")
				.query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
				.list()
				.forEach(done -> {
					if (ownerOfJob.containsKey(done.getKey())) {
						nodeOfOwner.put(ownerOfJob.get(done.getKey()), done.getValue());
					}
				});
			List<LockedJob> lockedByA = locks.stream()
				.filter(lock -> "node-a".equals(nodeOfOwner.get(lock.owner())))
				.map(lock -> new LockedJob(lock.job(), lock.expires()))
				.toList();
			List<String> stacksOfA = stacksStartedBy(nodeA);
			long doneByA = db.sql("select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = 'node-a'")
				.query(Long.class)
				.single();
			if (doneByA >= 3 && !lockedByA.isEmpty() && !stacksOfA.isEmpty()) {
				nodeA.kill();
				// Read again once it is dead: a job it finished between the look and the kill was not held at its death.
				Set<String> ownersOfA = new java.util.HashSet<>();
				nodeOfOwner.forEach((owner, node) -> {
					if (node.equals("node-a")) {
						ownersOfA.add(owner);
					}
				});
				List<LockedJob> heldAtDeath = db.sql("""
						select id_, lock_owner_, lock_exp_time_ from act_ru_job
						where lock_owner_ is not null and lock_exp_time_ > now()
						""").query((rs, row) -> new Lock(rs.getString(1), rs.getString(2), rs.getTimestamp(3))).list()
					.stream()
					.filter(lock -> ownersOfA.contains(lock.owner()))
					.map(lock -> new LockedJob(lock.job(), lock.expires()))
					.toList();
				if (!heldAtDeath.isEmpty()) {
					return new Kill(Instant.now(), heldAtDeath, stacksOfA);
				}
				throw new AssertionError("node-a finished every job it held between the look and the kill: " + lockedByA);
			}
			Thread.sleep(250);
		}
		throw new AssertionError("node-a never held a job lock while running a stack; lock owners seen: " + nodeOfOwner);
	}

	/** READY stacks whose app a node's JVM started: the app replica's parent process is that JVM. */
	private static List<String> stacksStartedBy(ClusterNode node) {
		record App(String stack, long pid) {
		}
		return db.sql("""
				select s.id, p.pid from stack s join stack_process p on p.stack_id = s.id
				where s.state = 'READY' and p.service = 'app-0'
				""")
			.query((rs, row) -> new App(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.filter(app -> parentOf(app.pid()) == node.pid())
			.map(App::stack)
			.toList();
	}

	private static long parentOf(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
		}
		catch (IOException | RuntimeException gone) {
			return -1;
		}
	}

	// --- what must hold afterwards ---

	private static void assertEveryJobRanOnce(Kill kill) {
		record Executions(String job, long successes, String hosts) {
		}
		List<Executions> executions = db.sql("""
				select job_id_, count(*) filter (where job_state_ = 2), string_agg(distinct hostname_, ',')
				from act_hi_job_log where job_state_ = 2 group by job_id_
				""").query((rs, row) -> new Executions(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
		assertThat(executions).as("jobs that succeeded more than once").allSatisfy(
				job -> assertThat(job.successes()).as("successes of job " + job.job()).isEqualTo(1));
		Map<String, Long> byNode = new java.util.TreeMap<>();
		db.sql("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.forEach(entry -> byNode.put(entry.getKey(), entry.getValue()));
		assertThat(byNode).as("successful job executions per node").containsOnlyKeys("node-a", "node-b");
		long failures = db.sql("select count(*) from act_hi_job_log where job_state_ = 1").query(Long.class).single();
		long unfinished = db.sql("""
				select count(*) from act_hi_job_log created
				where created.job_state_ = 0 and not exists (
				    select 1 from act_hi_job_log ended where ended.job_id_ = created.job_id_ and ended.job_state_ in (2, 3))
				""").query(Long.class).single();
		assertThat(unfinished).as("jobs created but neither run nor deleted").isZero();
		List<String> takenOver = kill.lockedJobs().stream()
			.filter(job -> "node-b".equals(db.sql("select hostname_ from act_hi_job_log where job_id_ = ? and job_state_ = 2")
				.param(job.id())
				.query(String.class)
				.optional()
				.orElse(null)))
			.map(LockedJob::id)
			.toList();
		assertThat(takenOver).as("jobs node-a held at its death, run by node-b after their locks expired").isNotEmpty();
		progress("Camunda jobs: " + executions.size() + " executed once each, by node " + byNode + "; " + failures
				+ " failed attempt(s) retried; " + takenOver.size() + " of the " + kill.lockedJobs().size()
				+ " job(s) node-a held at its death taken over by node-b");
	}

	private static void assertEveryQuartzFiringRanOnce(Kill kill) {
		List<String> twice = db.sql("""
				select job_name || ' at ' || scheduled_at || ' by ' || string_agg(node, ',')
				from recurring_job_run group by job_name, scheduled_at having count(*) > 1
				""").query(String.class).list();
		assertThat(twice).as("Quartz firings that ran more than once").isEmpty();
		Map<String, Long> perJobAndNode = new java.util.TreeMap<>();
		db.sql("select job_name || ' on ' || node, count(*) from recurring_job_run group by 1")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.forEach(entry -> perJobAndNode.put(entry.getKey(), entry.getValue()));
		assertThat(perJobAndNode.keySet()).as("recurring jobs fired on both nodes")
			.anyMatch(key -> key.endsWith(" on node-a"))
			.anyMatch(key -> key.endsWith(" on node-b"))
			.anyMatch(key -> key.startsWith("stack-reaper"))
			.anyMatch(key -> key.startsWith("evidence-indexer"))
			.anyMatch(key -> key.startsWith("freshness-decay"));
		long afterKillOnA = db.sql("select count(*) from recurring_job_run where node = 'node-a' and fired_at > ?")
			.param(Timestamp.from(kill.at()))
			.query(Long.class)
			.single();
		assertThat(afterKillOnA).as("firings by the dead node").isZero();
		long cutShort = db.sql("select count(*) from recurring_job_run where finished_at is null").query(Long.class).single();
		progress("Quartz firings: " + perJobAndNode + ", none twice; " + cutShort + " cut short by the kill");
	}

	private static void assertEachRunHasItsEvidenceOnce(List<Run> runs) {
		for (Run run : runs) {
			List<String> kinds = db.sql("select kind from evidence where process_instance_id = ? order by kind")
				.param(run.processInstanceId())
				.query(String.class)
				.list();
			List<String> expected = new ArrayList<>(List.of("check-results", "diff", "load-before", "reflection"));
			if (run.hasCheckReport()) {
				expected.add("load-after");
			}
			// The run's timeline (its load runs, restarts and checks) is evidence when it has one.
			if (db.sql("select count(*) from diagnostic_trail where run_id = ?::uuid").param(run.id()).query(Long.class)
				.single() > 0) {
				expected.add("diagnostic-trail");
			}
			assertThat(kinds).as("evidence of run " + run.id()).containsExactlyInAnyOrderElementsOf(expected);
		}
		progress("evidence: " + runs.stream().map(run -> run.checksPassed() ? "passed" : "gave up").toList()
				+ ", each run with its " + "evidence once");
	}

	private static void awaitNoStacksLeft(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			db.sql("select id from stack").query(String.class).list().forEach(stackIds::add);
			long alive = db.sql("select count(*) from stack where state <> 'STOPPED'").query(Long.class).single();
			List<Long> processes = stackProcesses();
			if (alive == 0 && processes.isEmpty()) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(alive + " stack(s) not stopped and stack processes " + processes
						+ " still running " + timeout + " after every run completed");
			}
			Thread.sleep(500);
		}
	}

	private static void awaitEvidenceIndexed(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (db.sql("select count(*) from evidence_outbox").query(Long.class).single() > 0) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("evidence not indexed " + timeout + " after the runs completed");
			}
			Thread.sleep(500);
		}
	}

	private static String stateOf(String stackId) {
		return db.sql("select state from stack where id = ?::uuid").param(stackId).query(String.class).single();
	}

	/**
	 * Processes of the test's stacks: started in the shared data directory (nginx, PostgreSQL, the app in its
	 * workspace), or carrying one of the test's stack ids.
	 */
	private static List<Long> stackProcesses() {
		String dir = platformDir.toString();
		long self = ProcessHandle.current().pid();
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			return procs.filter(proc -> proc.getFileName().toString().matches("[0-9]+"))
				.filter(proc -> Long.parseLong(proc.getFileName().toString()) != self)
				.filter(proc -> {
					try {
						String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
						String environ = Files.readString(proc.resolve("environ"));
						String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
						return cmdline.contains(dir) || cwd.startsWith(dir)
								|| stackIds.stream().anyMatch(id -> environ.contains("PROVINGGROUND_STACK=" + id));
					}
					catch (IOException | RuntimeException gone) {
						return false;
					}
				})
				.map(proc -> Long.parseLong(proc.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	// --- plumbing ---

	/**
	 * The API as a load balancer exposes it: calls go round-robin to the live nodes, and a call that meets a dead node
	 * goes to the other one.
	 */
	private static final class Api {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		private final AtomicInteger next = new AtomicInteger();

		record Response(int status, JsonNode body) {
		}

		/** Sends a call; {@code expected} -1 accepts any answer (the caller reads the run's state next). */
		Response call(String method, String path, String user, String password, Object body, int expected)
				throws Exception {
			IOException last = null;
			for (int attempt = 0; attempt < 4; attempt++) {
				ClusterNode node = nodeA.alive() && next.getAndIncrement() % 2 == 0 ? nodeA : nodeB;
				var request = HttpRequest.newBuilder(URI.create(node.url() + path))
					.timeout(Duration.ofSeconds(60))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
					.header("Content-Type", "application/json")
					.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
					.build();
				try {
					var response = http.send(request, HttpResponse.BodyHandlers.ofString());
					JsonNode json = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
					if (expected != -1 && response.statusCode() != expected) {
						throw new AssertionError(method + " " + path + " on " + node.name() + " answered "
								+ response.statusCode() + ": " + response.body());
					}
					return new Response(response.statusCode(), json);
				}
				catch (IOException deadNode) {
					last = deadNode;
				}
			}
			throw new AssertionError(method + " " + path + " reached no node", last);
		}

		private static JsonNode parse(String body) {
			try {
				return JSON.readTree(body);
			}
			catch (IOException notJson) {
				ObjectNode text = JSON.createObjectNode();
				text.put("text", body);
				return text;
			}
		}

	}

	private static String repository(String path) {
		return Path.of("..").resolve(path).toAbsolutePath().normalize().toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void progress(String message) {
		System.out.printf("[cluster %5.1fs] %s%n", Duration.between(STARTED, Instant.now()).toMillis() / 1000.0, message);
	}

}
