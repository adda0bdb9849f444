package dev.provingground.diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.ApiCalls;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The SQL console and the logs on a real stack of the test scenario: the console reads the data and the monitoring
 * views, shows the plan of the slow lookup with its sequential scan marked, and after the fix the index; it changes
 * nothing and reaches no file of the server; only the run's learner may use it; and the trail keeps what was run, in
 * order, without passwords.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class DiagnosticsIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor LEARNER = user("ada").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor OTHER = user("bob").roles("LEARNER", "TESTER");

	private static final RequestPostProcessor ADMIN = user("root").roles("ADMIN");

	private static final String LOOKUP = "SELECT id, sku, name, price_cents FROM items WHERE sku = 'ITEM-0000042'";

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	dev.provingground.catalog.ScenarioCatalog catalog;

	@Test
	void theConsoleReadsExplainsAndChangesNothingAndTheTrailKeepsItInOrder() throws Exception {
		String runId = call(post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), LEARNER, 201).get("id").asText();
		await(runId, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport"));

		JsonNode connections = sql(runId, "SELECT count(*) FROM pg_stat_activity");
		assertThat(connections.get("error").isNull()).as(connections.toString()).isTrue();
		assertThat(Long.parseLong(connections.at("/rows/0/0").asText())).as("sessions on the stack's server").isPositive();

		JsonNode slow = sql(runId, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + LOOKUP);
		assertThat(slow.at("/plan/root/type").isTextual()).as("a plan tree: " + slow).isTrue();
		JsonNode hottest = mostExpensive(slow.at("/plan/root"));
		assertThat(hottest.get("type").asText()).as(slow.toString()).isEqualTo("Seq Scan");
		assertThat(hottest.get("relation").asText()).isEqualTo("items");
		assertThat(hottest.get("rowsRemovedByFilter").asLong()).isGreaterThan(100_000);

		assertThat(sql(runId, "UPDATE items SET name = 'changed'").get("error").asText()).contains("read-only");
		assertThat(sql(runId, "SELECT pg_read_file('/etc/passwd')").get("error").asText()).contains("permission denied");
		// Answers the platform would have to hold whole, in one value and over many rows: refused before it holds them.
		assertThat(sql(runId, "SELECT repeat('x', 20000000)").get("error").asText())
			.contains("larger than the console reads");
		assertThat(sql(runId, "SELECT repeat('x', 100000) FROM generate_series(1, 400)").get("error").asText())
			.contains("larger than the console reads");
		assertThat(sql(runId, "ALTER ROLE console PASSWORD 'hunter2'").get("error").isNull()).isFalse();
		assertThat(sql(runId, "SELECT count(*) FROM items WHERE name = 'changed'").at("/rows/0/0").asText()).isEqualTo("0");

		call(post("/api/runs/" + runId + "/diagnostics/sql").content("{\"sql\": \"SELECT 1\"}"), OTHER, 404);
		call(get("/api/runs/" + runId + "/diagnostics/trail"), OTHER, 404);
		call(get("/api/runs/" + runId + "/diagnostics/logs"), OTHER, 404);
		call(post("/api/runs/" + runId + "/diagnostics/sql").content("{\"sql\": \"SELECT 1\"}"), ADMIN, 404);
		assertThat(call(get("/api/runs/" + runId + "/diagnostics/trail"), ADMIN, 200).findValuesAsText("input"))
			.as("an admin watches, read-only").contains("SELECT count(*) FROM pg_stat_activity");
		call(post("/api/runs/" + runId + "/diagnostics/sql").content(json.writeValueAsString(Map.of("sql", "x".repeat(10_001)))),
				LEARNER, 409);
		assertThat(call(post("/api/runs/" + runId + "/diagnostics/sql")
			.content(json.writeValueAsString(Map.of("sql", "SELECT 1; SELECT pg_sleep(9)"))), LEARNER, 409).get("message")
			.asText()).contains("one statement at a time");
		assertThat(sql(runId, "SELECT 'a;b' AS x;").at("/rows/0/0").asText()).as("a semicolon in a string").isEqualTo("a;b");
		assertThat(call(get("/api/runs/" + runId + "/diagnostics/logs"), LEARNER, 200).toString()).contains("app-0",
				"database");

		// The fix, then the same plan uses the index.
		String fileApi = "/api/runs/" + runId + "/files/content";
		String fix = Files.readString(Path.of("../scenarios/item-lookup/solution/db/migrate.sql"));
		call(put(fileApi).param("path", "db/migrate.sql").content(json.writeValueAsString(Map.of("content", fix))), LEARNER,
				200);
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"restart\"}"), LEARNER, 202);
		await(runId, run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
		JsonNode fast = sql(runId, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + LOOKUP);
		assertThat(fast.at("/plan/root").toString()).as(fast.toString()).contains("items_sku_key").doesNotContain("Seq Scan");

		JsonNode trail = call(get("/api/runs/" + runId + "/diagnostics/trail"), LEARNER, 200);
		assertThat(trail.findValuesAsText("input")).containsSubsequence("SELECT count(*) FROM pg_stat_activity",
				"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + LOOKUP, "UPDATE items SET name = 'changed'",
				"ALTER ROLE console PASSWORD '***'", "The app restarted from your workspace and is healthy",
				"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + LOOKUP);
		assertThat(trail.toString()).doesNotContain("hunter2");
		assertThat(trail.findValuesAsText("tool")).as("one timeline: the baseline load, the statements and the restart between them")
			.containsOnly("load", "sql", "restart");

		// The trail is evidence of the run, beside its diff and reflection.
		call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"giveUp\"}"), LEARNER, 202);
		JsonNode reflecting = await(runId, run -> run.get("state").asText().equals("REFLECTING"));
		int questions = catalog.get("item-lookup").reflection().size();
		call(post("/api/runs/" + runId + "/reflection").content(json.writeValueAsString(Map.of("answers",
				java.util.Collections.nCopies(questions, "The plan read every row.")))), LEARNER, 202);
		await(runId, run -> run.get("state").asText().equals("IN_REVIEW"));
		String recorded = jdbc.sql("select payload from evidence where process_instance_id = ? and kind = 'diagnostic-trail'")
			.param(reflecting.get("processInstanceId").asText())
			.query(String.class)
			.single();
		assertThat(recorded).contains("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)").doesNotContain("hunter2");
	}

	private JsonNode sql(String runId, String statement) throws Exception {
		return call(post("/api/runs/" + runId + "/diagnostics/sql").content(json.writeValueAsString(Map.of("sql", statement))),
				LEARNER, 200);
	}

	private static JsonNode mostExpensive(JsonNode node) {
		if (node.get("mostExpensive").asBoolean()) {
			return node;
		}
		for (JsonNode child : node.get("children")) {
			JsonNode found = mostExpensive(child);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor user, int expectedStatus)
			throws Exception {
		return ApiCalls.call(http, json, request, user, expectedStatus);
	}

	private JsonNode await(String runId, Predicate<JsonNode> condition) throws Exception {
		return ApiCalls.awaitRun(http, json, runId, LEARNER, condition, () -> "");
	}

}
