package dev.provingground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The attack of issue 17, as a learner makes it through the API: the workspace editor saves a {@code server.js} that
 * looks for the platform's logins and database, makes itself an admin if it can, and prints what it found; Restart
 * runs it. At the end the learner is still a learner, and the log the learner sees holds no secret. Also: the
 * platform's own database refuses every connection that lacks its password, and a stack that turns on itself (a fork
 * bomb, a memory hog, busy loops) harms neither the platform nor another learner's check, and is told what it hit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "provingground.provisioning.heartbeat=2s" })
class SandboxEscapeIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor LEARNER = user("ada").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor NEIGHBOUR = user("grace").roles("LEARNER", "TESTER");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	PlatformSettings platform;

	@Test
	void theReportedAttackFindsNothingAndChangesNothing() throws Exception {
		int port = java.net.URI.create(dataSource.getJdbcUrl().substring("jdbc:".length())).getPort();
		Path data = platform.dataDir();
		String attack = """
				const fs = require('fs');
				const { Client } = require('pg');
				const found = [];
				for (const file of ['../../demo-logins.properties', '%1$s/demo-logins.properties',
						'%1$s/postgres/postmaster.pid', '%1$s/secrets/postgres-password', '%1$s/postgres/pg_hba.conf']) {
					try { found.push(file + ': ' + fs.readFileSync(file, 'utf8')); } catch (e) { found.push(file + ': ' + e.code); }
				}
				(async () => {
					for (const host of ['127.0.0.1', '10.213.0.1']) {
						for (const password of ['', 'postgres']) {
							const client = new Client({ host, port: %2$d, user: 'postgres', password, database: 'provingground',
								connectionTimeoutMillis: 1500 });
							try {
								await client.connect();
								await client.query("insert into act_id_membership (user_id_, group_id_) values ('ada', 'admins')");
								found.push('ADMIN via ' + host);
								await client.end();
							} catch (e) { found.push(host + ' ' + password + ': ' + (e.code || e.message)); }
						}
					}
					console.log('attack report: ' + found.join(' | '));
					process.exit(1);
				})();
				""".formatted(data, port);

		JsonNode started = call(post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), 201);
		String runId = started.get("id").asText();
		await(runId, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport")
				&& run.get("busyWith").isNull());
		call(put("/api/runs/" + runId + "/files/content").param("path", "server.js")
			.content(json.writeValueAsString(Map.of("content", attack))), 200);
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"restart\"}"), 202);
		JsonNode restarted = await(runId, run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());

		String shown = restarted.get("lastAction").toString();
		assertThat(restarted.at("/lastAction/ok").asBoolean()).isFalse();
		assertThat(shown).as("the learner sees the app's own output").contains("attack report");
		assertThat(shown).doesNotContain("ADMIN via").doesNotContain(LEARNER_PASSWORD).doesNotContain(ADMIN_PASSWORD)
			.doesNotContain(EVALUATOR_PASSWORD)
			.doesNotContain(Files.readString(data.resolve("secrets").resolve("postgres-password")).strip());
		assertThat(jdbc.sql("select count(*) from act_id_membership where user_id_ = 'ada' and group_id_ = 'admins'")
			.query(Long.class)
			.single()).as("ada is not an admin").isZero();
		call(get("/api/admin/models"), 403);
	}

	@Test
	void thePlatformsDatabaseRefusesEveryConnectionWithoutItsPassword() throws Exception {
		String url = dataSource.getJdbcUrl();
		for (String password : new String[] { "", "postgres", "provingground" }) {
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", password).close())
				.isInstanceOf(SQLException.class)
				.hasMessageMatching("(?s).*(password authentication failed|SCRAM-based authentication).*");
		}
		String hba = Files.readString(platform.dataDirOf("postgres").resolve("pg_hba.conf"));
		assertThat(hba.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));
		Path secret = platform.dataDirOf("secrets").resolve("postgres-password");
		assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(
				java.nio.file.attribute.PosixFilePermission.OWNER_READ,
				java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
		assertThat(jdbc.sql("select private_jwk from passport_signing_key").query(String.class).list())
			.as("signing keys at rest").isNotEmpty().allSatisfy(key -> assertThat(key).startsWith("aes-gcm:v1:")
				.doesNotContain("\"d\""));
	}

	/**
	 * ada's app, once healthy, starts a fork bomb, a memory hog and two busy loops in its stack. Meanwhile grace fixes
	 * her own run and checks it: the check passes, the platform's health answers within a second throughout, and ada's
	 * run page names the memory and process limits her stack ran into. ada's app stays busy all along.
	 */
	@Test
	void aStackThatTurnsOnItselfHarmsNeitherThePlatformNorAnotherLearnersCheck() throws Exception {
		String hostile = """
				const http = require('http');
				const { spawn } = require('child_process');
				http.createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), process.env.HOST);
				// Once the restart has found it healthy, the app turns on its own stack. The memory hog goes first and
				// alone, so that it reaches its limit however slow the host (beside the busy loops it was starved of CPU);
				// once the limit has killed it, the busy loops, and last, once the bomb holds every process slot, nothing
				// else starts.
				setTimeout(() => {
					const quiet = { stdio: 'ignore' };
					const hog = spawn(process.execPath, ['-e',
						'const held = []; setInterval(() => { for (let i = 0; i < 16; i++) held.push(Buffer.alloc(1 << 20, 1)); }, 20)'],
						quiet);
					hog.on('exit', () => {
						spawn(process.execPath, ['-e', 'for (;;) {}'], quiet);
						spawn(process.execPath, ['-e', 'for (;;) {}'], quiet);
						setTimeout(() => spawn('sh', ['-c', 'bomb() { bomb | bomb & }; bomb'], quiet), 3000);
					});
				}, 3000);
				""";
		String attacker = call(post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), LEARNER, 201).get("id")
			.asText();
		String neighbour = call(post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), NEIGHBOUR, 201).get("id")
			.asText();
		Predicate<JsonNode> ready = run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport")
				&& run.get("busyWith").isNull();
		await(attacker, LEARNER, ready);
		await(neighbour, NEIGHBOUR, ready);

		try (var health = new HealthWatch(port)) {
			call(put("/api/runs/" + attacker + "/files/content").param("path", "server.js")
				.content(json.writeValueAsString(Map.of("content", hostile))), LEARNER, 200);
			call(post("/api/runs/" + attacker + "/actions").content("{\"action\": \"restart\"}"), LEARNER, 202);
			JsonNode restarted = await(attacker, LEARNER,
					run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
			assertThat(restarted.at("/lastAction/ok").asBoolean()).as(restarted.get("lastAction").toString()).isTrue();
			JsonNode hits = awaitStack(attacker,
					stack -> stack.get("limitsHit").findValuesAsText("limit").containsAll(List.of("memory", "processes")))
				.get("limitsHit");
			assertThat(hits.findValuesAsText("message"))
				.contains("app-0 was killed for using more than its memory limit of 512 MB")
				.anySatisfy(message -> assertThat(message)
					.startsWith("app-0 tried to run more than its limit of 512 processes and threads"));

			String attackerStack = restarted.get("stackId").asText();
			long busySince = System.nanoTime();
			double cpuBefore = cpuSeconds(attackerStack);
			String fileApi = "/api/runs/" + neighbour + "/files/content";
			String migration = call(get(fileApi).param("path", "db/migrate.sql"), NEIGHBOUR, 200).get("content")
				.asText();
			String fix = migration + "\nCREATE UNIQUE INDEX IF NOT EXISTS items_sku_key ON items (sku);\n";
			call(put(fileApi).param("path", "db/migrate.sql").content(json.writeValueAsString(Map.of("content", fix))),
					NEIGHBOUR, 200);
			call(post("/api/runs/" + neighbour + "/actions").content("{\"action\": \"restart\"}"), NEIGHBOUR, 202);
			JsonNode fixed = await(neighbour, NEIGHBOUR,
					run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
			assertThat(fixed.at("/lastAction/ok").asBoolean()).as(fixed.get("lastAction").toString()).isTrue();
			call(post("/api/runs/" + neighbour + "/actions").content("{\"action\": \"check\"}"), NEIGHBOUR, 202);
			JsonNode checked = await(neighbour, NEIGHBOUR,
					run -> run.get("attempts").asInt() == 1 && run.get("busyWith").isNull());
			assertThat(checked.get("state").asText()).as(checked.get("lastCheckReport").toString())
				.isEqualTo("REFLECTING");

			double busy = (cpuSeconds(attackerStack) - cpuBefore) / ((System.nanoTime() - busySince) / 1e9);
			System.out.printf("hostile-stack-busy: cpus=%.2f neighbour_check_p95_ms=%.1f%n", busy,
					checked.at("/lastCheckReport/loadReports/check/p95Ms").asDouble());
			assertThat(busy).as("CPUs ada's app kept busy while grace fixed and checked").isGreaterThan(0.3);
			health.assertHealthyWithin(Duration.ofSeconds(1));
		}
		finally {
			call(post("/api/runs/" + attacker + "/cancel"), LEARNER, 200);
		}
	}

	/** The CPU time that the stack's first replica's group has used so far. */
	private static double cpuSeconds(String stackId) throws java.io.IOException {
		Path v1 = Path.of("/sys/fs/cgroup/cpuacct/provingground", stackId, "app-0", "cpuacct.usage");
		if (Files.isRegularFile(v1)) {
			return Long.parseLong(Files.readString(v1).strip()) / 1e9;
		}
		Path v2 = Path.of("/sys/fs/cgroup/provingground", stackId, "app-0", "cpu.stat");
		return Files.readAllLines(v2).stream().filter(line -> line.startsWith("usage_usec "))
			.mapToLong(line -> Long.parseLong(line.substring("usage_usec ".length()).strip()))
			.findFirst()
			.orElseThrow() / 1e6;
	}

	/** Asks the platform's health endpoint, over HTTP, five times a second, and keeps the slowest answer. */
	private static final class HealthWatch implements AutoCloseable {

		private final HttpClient client = HttpClient.newHttpClient();

		private final URI uri;

		private final Thread thread;

		private volatile boolean watching = true;

		private long slowestNanos;

		private int asked;

		private final List<String> failures = new ArrayList<>();

		HealthWatch(int port) throws Exception {
			this.uri = URI.create("http://127.0.0.1:" + port + "/actuator/health");
			// The first request of all starts the web layer: not what the watch measures.
			client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
			this.thread = new Thread(this::watch, "health-watch");
			thread.start();
		}

		private void watch() {
			while (watching) {
				long started = System.nanoTime();
				try {
					var response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200) {
						fail("HTTP " + response.statusCode() + ": " + response.body());
					}
				}
				catch (java.io.IOException ex) {
					fail(ex.toString());
				}
				catch (InterruptedException ex) {
					return;
				}
				synchronized (this) {
					long took = System.nanoTime() - started;
					slowestNanos = Math.max(slowestNanos, took);
					asked++;
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private synchronized void fail(String failure) {
			failures.add(failure);
		}

		synchronized void assertHealthyWithin(Duration bound) {
			System.out.printf("health-during-hostile-stack: slowest_ms=%d asked=%d%n", slowestNanos / 1_000_000, asked);
			assertThat(asked).as("health was asked throughout").isGreaterThan(20);
			assertThat(failures).as("health failures").isEmpty();
			assertThat(Duration.ofNanos(slowestNanos)).as("the slowest of " + asked + " health answers")
				.isLessThan(bound);
		}

		@Override
		public void close() throws InterruptedException {
			watching = false;
			thread.interrupt();
			thread.join(10_000);
		}

	}

	private JsonNode call(MockHttpServletRequestBuilder request, int status) throws Exception {
		return call(request, LEARNER, status);
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor learner, int status)
			throws Exception {
		return ApiCalls.call(http, json, request, learner, status);
	}

	private JsonNode awaitStack(String runId, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		JsonNode stack = null;
		while (System.nanoTime() < deadline) {
			stack = call(get("/api/runs/" + runId + "/stack"), LEARNER, 200);
			if (condition.test(stack)) {
				return stack;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The run's stack did not get there within a minute; it is " + stack);
	}

	private JsonNode await(String runId, Predicate<JsonNode> condition) throws Exception {
		return await(runId, LEARNER, condition);
	}

	private JsonNode await(String runId, RequestPostProcessor learner, Predicate<JsonNode> condition)
			throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = call(get("/api/runs/" + runId), learner, 200);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The run did not get there within 3 minutes; it is " + run + "; incidents: "
				+ jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

}
