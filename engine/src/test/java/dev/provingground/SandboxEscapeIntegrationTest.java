package dev.provingground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
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
 * platform's own database refuses every connection that lacks its password.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class SandboxEscapeIntegrationTest extends TemporaryDataDirectory {

	private static final RequestPostProcessor LEARNER = user("ada").roles("LEARNER");

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

	private JsonNode call(MockHttpServletRequestBuilder request, int status) throws Exception {
		return ApiCalls.call(http, json, request, LEARNER, status);
	}

	private JsonNode await(String runId, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = call(get("/api/runs/" + runId), 200);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The run did not get there within 3 minutes; it is " + run + "; incidents: "
				+ jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

}
