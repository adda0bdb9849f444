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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.database.EmbeddedDatabaseFiles;
import dev.provingground.platform.TemporaryDataDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The platform as {@code ./run} starts it, with its embedded PostgreSQL and OpenSearch in a data directory, in a JVM
 * of its own ({@link ClusterNode}), and the calls a learner makes to it: the test scenario as {@code tester}.
 */
final class EmbeddedInstallation {

	static final String SCENARIO = "item-lookup";

	static final String LEARNER = "tester";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path dataDir;

	private ClusterNode node;

	EmbeddedInstallation(Path dataDir) {
		this.dataDir = dataDir;
	}

	Path dataDir() {
		return dataDir;
	}

	ClusterNode node() {
		return node;
	}

	/** Starts the platform on the data directory; its log goes beside it. */
	void start(Duration ready) throws InterruptedException {
		node = ClusterNode.start("solo", dataDir.getParent(), environment(),
				List.of("--provingground.identity.demo-passwords.tester=" + TemporaryDataDirectory.TESTER_PASSWORD,
						"--provingground.identity.demo-passwords.admin=" + TemporaryDataDirectory.ADMIN_PASSWORD));
		node.awaitReady(ready);
	}

	Map<String, String> environment() {
		return Map.of("PROVINGGROUND_DATA_DIR", dataDir.toString(), "PROVINGGROUND_SCENARIOS_DIR",
				repository("scenarios").toString(), "PROVINGGROUND_RUBRICS_DIR", repository("rubrics").toString(),
				"PROVINGGROUND_PROJECTS_DIR", repository("projects").toString(), "PROVINGGROUND_SESSION_PROMPTS",
				repository("sessions/prompts.yaml").toString());
	}

	/** Stops it as an operator would, if it runs. */
	void stop() throws InterruptedException {
		if (node != null && node.alive()) {
			node.stop();
		}
	}

	/** Starts a run of the test scenario and waits for its baseline: the run is in progress, its stack running. */
	String startRun() throws Exception {
		String run = call("POST", "/api/runs", Map.of("scenarioId", SCENARIO), 201).get("id").asText();
		awaitRun(run, state -> state.get("state").asText().equals("WORKING") && state.get("busyWith").isNull()
				&& !state.get("baselineReport").isNull(), Duration.ofSeconds(120));
		return run;
	}

	/** Applies the reference fix to the run's workspace and restarts the app with it. */
	void fix(String run) throws Exception {
		String solution = Files.readString(repository("scenarios/" + SCENARIO + "/solution/db/migrate.sql"));
		call("PUT", "/api/runs/" + run + "/files/content?path=" + URLEncoder.encode("db/migrate.sql", StandardCharsets.UTF_8),
				Map.of("content", solution), 200);
		call("POST", "/api/runs/" + run + "/actions", Map.of("action", "restart"), 202);
		JsonNode restarted = awaitRun(run, state -> !state.get("lastAction").isNull() && state.get("busyWith").isNull(),
				Duration.ofSeconds(60));
		if (!restarted.at("/lastAction/ok").asBoolean()) {
			throw new AssertionError("the fixed app did not restart: " + restarted);
		}
	}

	JsonNode awaitRun(String run, Predicate<JsonNode> condition, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		JsonNode state = null;
		while (Instant.now().isBefore(deadline)) {
			state = call("GET", "/api/runs/" + run, null, 200);
			if (condition.test(state)) {
				return state;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("run " + run + " did not get there within " + timeout + ": " + state + "\n"
				+ node.logTail(80));
	}

	/** A call as the learner; {@code expected} -1 takes any status. */
	JsonNode call(String method, String path, Object body, int expected) throws Exception {
		return call(LEARNER, TemporaryDataDirectory.TESTER_PASSWORD, method, path, body, expected);
	}

	/** A call as this user, or anonymously when {@code user} is null. */
	JsonNode call(String user, String password, String method, String path, Object body, int expected)
			throws Exception {
		var request = HttpRequest.newBuilder(URI.create(node.url() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (expected != -1 && response.statusCode() != expected) {
			throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
	}

	/** The platform's database on the running embedded server, as its superuser. */
	JdbcClient database() throws IOException, SQLException {
		int port = EmbeddedDatabaseFiles.runningPort(dataDir).orElseThrow();
		return JdbcClient.create(new SingleConnectionDataSource(
				EmbeddedDatabaseFiles.connect(dataDir, port, EmbeddedDatabaseFiles.platformDatabase()), true));
	}

	long postmasterPid() throws IOException {
		return Long.parseLong(Files.readAllLines(EmbeddedDatabaseFiles.clusterOf(dataDir).resolve("postmaster.pid"))
			.get(0)
			.strip());
	}

	/** Processes working in the data directory or naming it: the embedded PostgreSQL and the stacks' services. */
	List<Long> processes() throws IOException {
		String dir = dataDir.toString();
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			return procs.filter(proc -> proc.getFileName().toString().matches("[0-9]+")).filter(proc -> {
				try {
					return Files.readString(proc.resolve("cmdline")).replace('\0', ' ').contains(dir)
							|| Files.readSymbolicLink(proc.resolve("cwd")).toString().startsWith(dir);
				}
				catch (IOException | RuntimeException gone) {
					return false;
				}
			}).map(proc -> Long.parseLong(proc.getFileName().toString())).toList();
		}
	}

	/** The stacks' PostgreSQL servers (not their short-lived helpers), which live as long as their stacks. */
	List<Long> stackDatabaseServers() throws IOException {
		return processes().stream().filter(this::isStackProcess).filter(pid -> {
			try {
				return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).contains("\0-D\0");
			}
			catch (IOException gone) {
				return false;
			}
		}).toList();
	}

	boolean isStackProcess(long pid) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).startsWith(dataDir.resolve("stacks"));
		}
		catch (IOException gone) {
			return false;
		}
	}

	static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	static Path repository(String path) {
		return Path.of("..").resolve(path).toAbsolutePath().normalize();
	}

}
