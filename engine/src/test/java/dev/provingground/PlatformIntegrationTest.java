package dev.provingground;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import dev.provingground.workflow.ProcessVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform on real embedded PostgreSQL and OpenSearch: search, a process from {@code processes/} run to its
 * end, Quartz on its JDBC store, and who may reach what.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class PlatformIntegrationTest extends TemporaryDataDirectory {

	@LocalServerPort
	int port;

	@Autowired
	OpenSearchClient search;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	SkillStandings standings;

	@Autowired
	Scheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.core.env.Environment environment;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void indexesAndSearchesThroughOpenSearchJava() throws IOException {
		String index = "smoke-" + UUID.randomUUID();
		search.indices().create(create -> create.index(index));
		search.index(doc -> doc.index(index)
			.id("1")
			.document(Map.of("title", "Connection pool exhausted under load"))
			.refresh(Refresh.True));
		search.index(doc -> doc.index(index)
			.id("2")
			.document(Map.of("title", "Missing index on orders"))
			.refresh(Refresh.True));

		var hits = search.search(s -> s.index(index).query(q -> q.match(m -> m.field("title").query(v -> v.stringValue("pool")))),
				Map.class);

		assertThat(hits.hits().hits()).extracting(hit -> hit.id()).containsExactly("1");
	}

	@Test
	void runsTheTierUpdateProcessToItsEnd() {
		var instance = runtime.startProcessInstanceByKey("skill-tier-update", Variables.createVariables()
			.putValue(ProcessVariables.LEARNER_ID, "learner")
			.putValue(ProcessVariables.SKILL, "system-design"));

		assertThat(instance.isEnded()).isTrue();
		assertThat(history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.orderPartiallyByOccurrence()
			.asc()
			.list()).extracting(HistoricActivityInstance::getActivityId)
			.containsExactly("Start_TierUpdateRequested", "Task_LoadSkillFigures", "Task_DecideTier", "Task_RecordTier",
					"End_TierRecorded");
		assertThat(standings.tierOf("learner", "system-design")).contains(Tier.CLAIMED);
	}

	@Test
	void aBadSkillIdFailsTheProcessWithAReadableMessageAndRecordsNothing() {
		var error = org.assertj.core.api.Assertions.catchThrowable(() -> runtime.startProcessInstanceByKey(
				"skill-tier-update", Variables.createVariables()
					.putValue(ProcessVariables.LEARNER_ID, "learner")
					.putValue(ProcessVariables.SKILL, "../../etc")));
		assertThat(error).hasMessageContaining("A skill id is 2–64 lowercase letters");
		assertThat(standings.tierOf("learner", "../../etc")).isEmpty();
	}

	@Test
	void firesAQuartzJobFromTheClusteredJdbcStore() throws Exception {
		assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
		assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
		String name = "smoke-" + UUID.randomUUID();
		FIRED.put(name, new CountDownLatch(1));

		scheduler.scheduleJob(JobBuilder.newJob(RecordingJob.class).withIdentity(name).build(),
				TriggerBuilder.newTrigger().withIdentity(name).startAt(new java.util.Date(System.currentTimeMillis() + 1500)).build());

		assertThat(jdbc.sql("select count(*) from qrtz_triggers where trigger_name = ?").param(name).query(Long.class).single())
			.as("the trigger is stored in PostgreSQL").isEqualTo(1);
		assertThat(FIRED.get(name).await(30, TimeUnit.SECONDS)).as("the job fired").isTrue();
	}

	static final Map<String, CountDownLatch> FIRED = new java.util.concurrent.ConcurrentHashMap<>();

	public static class RecordingJob implements Job {

		@Override
		public void execute(JobExecutionContext context) {
			FIRED.get(context.getJobDetail().getKey().getName()).countDown();
		}

	}

	@ParameterizedTest(name = "{0} GET {1} -> {2}")
	@CsvSource({ "learner, /api/me, 200", "evaluator, /api/me, 200", "admin, /api/me, 200",
			"learner, /review, 403", "evaluator, /review, 200", "admin, /review, 200",
			"learner, /admin/models, 403", "evaluator, /admin/models, 403", "admin, /admin/models, 200",
			"learner, /camunda/app/cockpit/default/, 403", "evaluator, /camunda/app/cockpit/default/, 403",
			"admin, /camunda/app/cockpit/default/, 200",
			"learner, /engine-rest/process-definition, 403", "evaluator, /engine-rest/process-definition, 403",
			"admin, /engine-rest/process-definition, 200",
			"learner, /actuator/prometheus, 403", "admin, /actuator/prometheus, 200",
			"learner, /api/scenarios, 200", "learner, /api/admin/scenarios/failures, 403",
			"evaluator, /api/admin/scenarios/failures, 403", "admin, /api/admin/scenarios/failures, 200" })
	void enforcesTheRoleMatrix(String user, String path, int expected) throws Exception {
		assertThat(get(path, user).statusCode()).isEqualTo(expected);
	}

	@Test
	void theCatalogListsTheValidScenarioPackagesWithTheirMetadata() throws Exception {
		var list = get("/api/scenarios", "tester");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"id\":\"item-lookup\"", "\"track\":1", "\"level\":\"crawling\"",
				"\"concepts\":[\"Database Indexes\",\"Query Planning\"]", "\"forTests\":true");

		var details = get("/api/scenarios/item-lookup", "tester");
		assertThat(details.body()).contains("\"id\":\"lookup-uses-an-index\"").doesNotContain("hints");
		var unknown = get("/api/scenarios/no-such-thing", "learner");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("there is no scenario no-such-thing");
	}

	/**
	 * The embedded PostgreSQL cannot be corrupted by a crash: fsync and full-page writes are on, and commits are
	 * synchronous as configured (this suite opts out, for speed; the default is on).
	 */
	@Test
	void theEmbeddedDatabaseIsDurable() {
		for (String setting : List.of("fsync", "full_page_writes")) {
			assertThat(jdbc.sql("show " + setting).query(String.class).single()).as(setting).isEqualTo("on");
		}
		assertThat(jdbc.sql("show synchronous_commit").query(String.class).single())
			.isEqualTo(environment.getProperty("provingground.database.synchronous-commit", Boolean.class) ? "on" : "off");
	}

	/** A package for the platform's own tests: to a learner it does not exist, and starting it is refused. */
	@Test
	void aTestPackageIsRefusedToALearner() throws Exception {
		var list = get("/api/scenarios", "learner");
		assertThat(list.body()).contains("\"id\":\"scenario-01-diagnosing-failures\"").doesNotContain("item-lookup");
		assertThat(get("/api/scenarios/item-lookup", "learner").statusCode()).isEqualTo(404);

		var start = http.send(HttpRequest.newBuilder(url("/api/runs"))
			.header("Authorization", basic("learner", passwordOf("learner")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"scenarioId\": \"item-lookup\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(start.statusCode()).isEqualTo(403);
		assertThat(start.body()).contains("'Item lookup' is a package for the platform's own tests: only testers and "
				+ "admins may start it, and it counts towards no SCI");
		assertThat(jdbc.sql("select count(*) from scenario_run where learner_id = 'learner'").query(Integer.class)
			.single()).as("nothing was started").isZero();
	}

	@Test
	void anAdminWhoSignedInWithTheFormIsSignedInToCockpit() throws Exception {
		var browser = signedInBrowser("admin");
		var cockpit = browser.send(HttpRequest.newBuilder(url("/camunda/app/cockpit/default/")).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(cockpit.statusCode()).isEqualTo(200);

		var who = browser.send(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(who.statusCode()).isEqualTo(200);
		assertThat(who.body()).contains("\"userId\":\"admin\"");
	}

	@Test
	void anonymousBrowsersAreSentToTheLoginPageAndApiClientsGet401() throws Exception {
		var page = http.send(HttpRequest.newBuilder(url("/")).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));

		assertThat(get("/api/me", null).statusCode()).isEqualTo(401);
		assertThat(get("/engine-rest/process-definition", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void aWrongPasswordIsRejected() throws Exception {
		var request = HttpRequest.newBuilder(url("/api/me"))
			.header("Authorization", basic("admin", "not-the-password"))
			.build();
		assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
	}

	@Test
	void aBrowserSignsInWithTheFormAndNeedsTheCsrfTokenToPost() throws Exception {
		var browser = signedInBrowser("learner");

		var me = browser.send(HttpRequest.newBuilder(url("/api/me")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.body()).contains("\"userId\":\"learner\"").contains("learners");
		var landing = browser.send(HttpRequest.newBuilder(url("/")).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(landing.statusCode()).isEqualTo(200);
		assertThat(landing.body()).contains("<div id=\"root\">");

		var logoutWithoutToken = browser.send(HttpRequest.newBuilder(url("/logout"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(logoutWithoutToken.statusCode()).as("a POST without the CSRF token is refused").isEqualTo(403);
	}

	/** Signs in through the login form, CSRF token included, and returns a client that keeps the session cookie. */
	private HttpClient signedInBrowser(String user) throws IOException, InterruptedException {
		var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		var loginPage = browser.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString());
		var csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();

		String form = "username=" + user + "&password=" + URLEncoder.encode(passwordOf(user), StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		var login = browser.send(HttpRequest.newBuilder(url("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		return browser;
	}

	private HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(url(path));
		if (user != null) {
			request.header("Authorization", basic(user, passwordOf(user)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}



	private static String passwordOf(String user) {
		return switch (user) {
			case "learner" -> LEARNER_PASSWORD;
			case "tester" -> TESTER_PASSWORD;
			case "evaluator" -> EVALUATOR_PASSWORD;
			case "admin" -> ADMIN_PASSWORD;
			default -> throw new IllegalArgumentException(user);
		};
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
