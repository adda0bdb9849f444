package dev.provingground;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.load.LoadSettings;
import dev.provingground.platform.ApiCalls;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Four learners press Check at once, on real stacks. The platform never measures more than the host's capacity admits
 * at a time, those who wait see their place in the line, and every correct fix passes.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "camunda.bpm.job-execution.core-pool-size=6",
		"camunda.bpm.job-execution.max-pool-size=6" })
class ConcurrentChecksIntegrationTest extends TemporaryDataDirectory {

	private static final List<String> LEARNERS = List.of("ada", "grace", "alan", "edsger");

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LoadSettings load;

	@Test
	void fourChecksAtOnceTakeTurnsWithinTheCapacityAndEveryCorrectFixPasses() throws Exception {
		List<String> runs = new ArrayList<>();
		for (String learner : LEARNERS) {
			runs.add(call(post("/api/runs").content("{\"scenarioId\": \"item-lookup\"}"), learner, 201).get("id").asText());
		}
		for (int i = 0; i < runs.size(); i++) {
			String learner = LEARNERS.get(i);
			String runId = runs.get(i);
			await(runId, learner, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport")
					&& run.get("busyWith").isNull());
			String fileApi = "/api/runs/" + runId + "/files/content";
			String migration = call(get(fileApi).param("path", "db/migrate.sql"), learner, 200).get("content").asText();
			call(put(fileApi).param("path", "db/migrate.sql").content(json.writeValueAsString(Map.of("content",
					migration + "\nCREATE UNIQUE INDEX IF NOT EXISTS items_sku_key ON items (sku);\n"))), learner, 200);
			call(post("/api/runs/" + runId + "/actions").content("{\"action\": \"restart\"}"), learner, 202);
		}
		for (int i = 0; i < runs.size(); i++) {
			JsonNode restarted = await(runs.get(i), LEARNERS.get(i),
					run -> run.hasNonNull("lastAction") && run.get("busyWith").isNull());
			assertThat(restarted.at("/lastAction/ok").asBoolean()).as(restarted.get("lastAction").toString()).isTrue();
		}

		AtomicBoolean watching = new AtomicBoolean(true);
		AtomicInteger mostAdmitted = new AtomicInteger();
		List<Double> admittedNeeds = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread watcher = new Thread(() -> {
			while (watching.get()) {
				var admitted = jdbc.sql("select need from measurement_queue where state = 'ADMITTED'").query(Double.class)
					.list();
				mostAdmitted.accumulateAndGet(admitted.size(), Math::max);
				if (admitted.size() > 1) {
					admittedNeeds.add(admitted.stream().mapToDouble(Double::doubleValue).sum());
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		watcher.start();
		int mostAhead = 0;
		try {
			for (int i = 0; i < runs.size(); i++) {
				call(post("/api/runs/" + runs.get(i) + "/actions").content("{\"action\": \"check\"}"), LEARNERS.get(i), 202);
			}
			// The last to press waits behind the others, and its page says so.
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (System.nanoTime() < deadline && mostAhead < 2) {
				JsonNode place = call(get("/api/runs/" + runs.get(3) + "/queue"), LEARNERS.get(3), 200);
				if (place.get("waiting").asBoolean()) {
					mostAhead = Math.max(mostAhead, place.get("ahead").asInt());
					assertThat(place.get("startsInSeconds").asLong()).isPositive();
				}
				Thread.sleep(100);
			}
			for (int i = 0; i < runs.size(); i++) {
				JsonNode checked = await(runs.get(i), LEARNERS.get(i),
						run -> run.get("attempts").asInt() == 1 && run.get("busyWith").isNull());
				assertThat(checked.get("state").asText()).as(LEARNERS.get(i) + ": " + checked.get("lastCheckReport"))
					.isEqualTo("REFLECTING");
			}
		}
		finally {
			watching.set(false);
			watcher.join();
		}
		assertThat(mostAhead).as("the last learner saw others go first").isGreaterThanOrEqualTo(2);
		assertThat(mostAdmitted.get()).as("measurements at once").isPositive();
		assertThat(admittedNeeds).as("CPUs of measurements admitted together").allSatisfy(
				need -> assertThat(need).isLessThanOrEqualTo(load.capacity() + 1e-9));
		for (int i = 0; i < runs.size(); i++) {
			call(post("/api/runs/" + runs.get(i) + "/cancel"), LEARNERS.get(i), 200); // their stacks go
		}
	}

	private JsonNode call(MockHttpServletRequestBuilder request, String learner, int status) throws Exception {
		return ApiCalls.call(http, json, request, learnerNamed(learner), status);
	}

	private static RequestPostProcessor learnerNamed(String name) {
		return user(name).roles("LEARNER", "TESTER");
	}

	private JsonNode await(String runId, String learner, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = call(get("/api/runs/" + runId), learner, 200);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The run did not get there within 4 minutes; it is " + run + "; incidents: "
				+ jdbc.sql("select incident_msg_ from act_ru_incident").query(String.class).list());
	}

}
