package dev.provingground.diagnostics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The terminal on a real stack of the test scenario, over a real WebSocket: a shell in the stack's sandbox with psql
 * preset for the stack's database, that resizes, keeps its screen across a reconnect, reaches nothing of the platform,
 * lets an admin watch it read-only (and tells the learner), refuses other learners, unauthenticated sockets and foreign
 * pages, bounds its input, puts each command on the trail, and closes when the run leaves the fix loop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class TerminalIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor TESTER = user("tester").roles("LEARNER", "TESTER");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final java.util.concurrent.atomic.AtomicInteger COMMANDS = new java.util.concurrent.atomic.AtomicInteger();

	@LocalServerPort
	int port;

	@Value("${provingground.data-dir}")
	String dataDir;

	@Autowired
	javax.sql.DataSource platformDatabase;

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Test
	void aShellInTheStackReadsItsDatabaseAndNothingOfThePlatform() throws Exception {
		String runId = ApiCalls.call(http, json, post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), TESTER, 201)
			.get("id")
			.asText();
		await(runId, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport"));

		try (Terminal terminal = open(runId, "tester", TESTER_PASSWORD, null)) {
			String sessions = terminal.run("psql -Atc 'SELECT count(*) FROM pg_stat_activity'");
			assertThat(sessions.strip()).as("psql reaches the stack's database unasked").matches("[0-9]+");
			assertThat(Integer.parseInt(sessions.strip())).isPositive();
			assertThat(terminal.run("psql -Atc \"UPDATE items SET name = 'x'\" 2>&1")).contains("read-only");
			assertThat(terminal.run("id -u").strip()).as("the stack's own unprivileged user").isNotEqualTo("0");
			assertThat(terminal.run("curl --version | head -1; node --version")).contains("curl", "v");
			assertThat(terminal.run("curl -s $APP/health")).as("the app, inside the stack").contains("ok");

			terminal.resize(100, 30);
			assertThat(terminal.run("stty size")).contains("30 100");

			// The sandbox suite's escapes, from the shell: the data directory, the platform's database and web server.
			assertThat(terminal.run("ls " + dataDir + " 2>&1")).containsAnyOf("No such file or directory",
					"Permission denied");
			assertThat(terminal.run("ls " + dataDir + "/postgres 2>&1; ls " + dataDir + "/stacks 2>&1"))
				.doesNotContain("postgresql.conf").contains("No such file or directory");
			int databasePort;
			try (var connection = platformDatabase.getConnection()) {
				databasePort = portOf(connection.getMetaData().getURL());
			}
			assertThat(terminal.run("psql -h 127.0.0.1 -p " + databasePort + " -U postgres -c 'select 1' 2>&1"))
				.contains("Connection refused");
			String gateway = terminal.run("ip route 2>/dev/null | awk '/default/ {print $3}'").strip();
			for (String host : gateway.isEmpty() ? new String[] { "127.0.0.1" } : new String[] { "127.0.0.1", gateway }) {
				assertThat(terminal.run("curl -s -m 3 -o /dev/null -w '%{http_code}' http://" + host + ":" + port
						+ "/actuator/health; echo ' exit='$?")).as("the platform from " + host).contains("000");
			}
			assertThat(terminal.run("ps -e -o comm= | sort -u")).as("only the shell's own processes")
				.doesNotContain("java", "postgres");

			String tooLong = "x".repeat(TerminalSocket.MAX_INPUT + 1);
			terminal.send(Map.of("type", "input", "data", tooLong));
			terminal.awaitScreen(screen -> screen.contains("Paste at most 4096 characters"));
		}

		// An admin watches, read-only: shown the screen and what the learner runs, typing nothing; the learner is told.
		try (Terminal learner = open(runId, "tester", TESTER_PASSWORD, null);
				Terminal admin = open(runId, "admin", ADMIN_PASSWORD, null)) {
			learner.awaitMessage(message -> message.contains("\"admins\":1"));
			JsonNode open = ApiCalls.call(http, json, get("/api/admin/diagnostics/terminals"),
					user("admin").roles("LEARNER", "ADMIN"), 200);
			assertThat(open.findValuesAsText("runId")).contains(runId);
			assertThat(learner.run("echo watched-$((6 * 7))")).contains("watched-42");
			admin.awaitScreen(screen -> screen.contains("watched-42"));
			admin.send(Map.of("type", "input", "data", "echo typed-by-$((2 * 21))-admin\r"));
			admin.awaitScreen(screen -> screen.contains("You are watching"));
			assertThat(learner.run("echo after")).contains("after");
			assertThat(learner.screen()).doesNotContain("typed-by");
		}

		// A reload: the same shell, its screen shown again.
		try (Terminal again = open(runId, "tester", TESTER_PASSWORD, null)) {
			again.awaitScreen(screen -> screen.contains("30 100"));
			assertThat(again.run("echo still here")).contains("still here");
		}

		assertThatThrownBy(() -> open(runId, "learner2", LEARNER2_PASSWORD, null))
			.satisfies(ex -> assertThat(statusOf(ex)).as("another learner").isEqualTo(404));
		assertThatThrownBy(() -> open(runId, null, null, null)).satisfies(ex -> assertThat(statusOf(ex)).as("no session").isEqualTo(401));
		assertThatThrownBy(() -> open(runId, "tester", TESTER_PASSWORD, "https://elsewhere.example"))
			.satisfies(ex -> assertThat(statusOf(ex)).as("a page of another origin").isEqualTo(403));

		JsonNode trail = ApiCalls.call(http, json, get("/api/runs/" + runId + "/diagnostics/trail"), TESTER, 200);
		var typed = trail.findValuesAsText("input");
		int previous = -1;
		for (String command : new String[] { "psql -Atc 'SELECT count(*) FROM pg_stat_activity'", "stty size",
				"echo still here" }) {
			int at = -1;
			for (int i = previous + 1; i < typed.size() && at < 0; i++) {
				at = typed.get(i).contains(command) ? i : -1;
			}
			assertThat(at).as("'" + command + "' on the trail after the one before, in " + typed).isGreaterThan(previous);
			previous = at;
		}
		assertThat(trail.findValuesAsText("tool")).contains("terminal");

		// Leaving the fix loop closes the shell, with the reason on the page.
		try (Terminal last = open(runId, "tester", TESTER_PASSWORD, null)) {
			ApiCalls.call(http, json, post("/api/runs/" + runId + "/actions").content("{\"action\": \"giveUp\"}"), TESTER, 202);
			last.awaitClosed();
			assertThat(last.closedBecause()).contains("left the fix loop");
		}
	}

	private static int statusOf(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof WebSocketHandshakeException handshake) {
				return handshake.getResponse().statusCode();
			}
		}
		throw new AssertionError("not a refused handshake", ex);
	}

	private static int portOf(String jdbcUrl) {
		Matcher matcher = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
		assertThat(matcher.find()).as(jdbcUrl).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private Terminal open(String runId, String user, String password, String origin) {
		var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
		if (user != null) {
			builder.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		if (origin != null) {
			builder.header("Origin", origin);
		}
		var terminal = new Terminal();
		terminal.socket = builder
			.buildAsync(URI.create("ws://localhost:" + port + "/api/runs/" + runId + "/diagnostics/terminal?cols=80&rows=24"),
					terminal)
			.join();
		return terminal;
	}

	/** The test's side of the socket: what the screen showed so far, and the reason it was closed with. */
	private final class Terminal implements WebSocket.Listener, AutoCloseable {

		WebSocket socket;

		private final StringBuilder screen = new StringBuilder();

		private final StringBuilder messages = new StringBuilder();

		private final CompletableFuture<Void> closed = new CompletableFuture<>();

		private String closedBecause = "";


		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			synchronized (screen) {
				screen.append(StandardCharsets.UTF_8.decode(data));
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			synchronized (screen) {
				messages.append(data).append('\n');
			}
			closedBecause += data;
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(null);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(null);
		}

		void send(Map<String, Object> message) throws Exception {
			socket.sendText(json.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
		}

		void resize(int cols, int rows) throws Exception {
			send(Map.of("type", "resize", "cols", cols, "rows", rows));
		}

		/** Types a command and gives what it printed, between two markers only the shell can write. */
		String run(String command) throws Exception {
			int n = COMMANDS.incrementAndGet(); // across sockets: a reconnected page is shown the earlier markers again
			String begin = "BEGIN" + n + "_";
			String end = "END" + n + "_";
			// The markers are printed with a split so that the echo of the typed line does not contain them.
			send(Map.of("type", "input", "data", "printf '%s\\n' '" + begin.substring(0, 3) + "''" + begin.substring(3)
					+ "'; " + command + "; printf '%s\\n' '" + end.substring(0, 3) + "''" + end.substring(3) + "'\r"));
			String shown = awaitScreen(text -> text.contains(end + "\r\n") || text.contains(end + "\n"));
			int from = shown.indexOf(begin) + begin.length();
			return shown.substring(from, shown.indexOf(end, from)).replace("\r", "");
		}

		String awaitScreen(Predicate<String> condition) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				synchronized (screen) {
					if (condition.test(screen.toString())) {
						return screen.toString();
					}
				}
				Thread.sleep(50);
			}
			synchronized (screen) {
				throw new AssertionError("The terminal did not show it within " + WAIT.toSeconds() + " s; it shows:\n"
						+ screen);
			}
		}

		String screen() {
			synchronized (screen) {
				return screen.toString();
			}
		}

		void awaitMessage(Predicate<String> condition) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (System.nanoTime() < deadline) {
				synchronized (screen) {
					if (condition.test(messages.toString())) {
						return;
					}
				}
				Thread.sleep(50);
			}
			throw new AssertionError("No such message within " + WAIT.toSeconds() + " s; the socket sent:\n" + messages);
		}

		void awaitClosed() throws Exception {
			closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		String closedBecause() {
			return closedBecause;
		}

		@Override
		public void close() {
			if (!socket.isOutputClosed()) {
				socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
			}
			socket.abort();
		}

	}

	private JsonNode await(String runId, Predicate<JsonNode> condition) throws Exception {
		return ApiCalls.awaitRun(http, json, runId, TESTER, condition, () -> "");
	}

}
