package dev.provingground;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The platform's own metrics on the Prometheus endpoint, as the Grafana dashboard of the production deployment reads
 * them: stacks by state, load runs, the job executor, incidents, and the evidence index's backlog and lag.
 */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureObservability // tests leave metrics export off unless asked
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class MetricsIntegrationTest extends TemporaryDataDirectory {

	@Autowired
	MockMvc http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void thePrometheusEndpointCarriesThePlatformsMetricsForAdminsOnly() throws Exception {
		http.perform(get("/actuator/prometheus").with(user("learner").roles("LEARNER"))).andExpect(status().isForbidden());
		double failedBefore = value(scrape(), "provingground_stacks\\{state=\"FAILED\"[^}]*}");

		jdbc.sql("""
				insert into stack (id, owner_id, scenario_id, scenario_version, host, node_id, state, directory,
				                   database_name, idle_limit_s, failure)
				values (?, 'metrics-test', 'item-lookup', '1', 'elsewhere', 'gone', 'FAILED', '/nowhere', 'none', 60, 'test')
				""").param(UUID.randomUUID()).update();

		String metrics = scrape();
		assertThat(value(metrics, "provingground_stacks\\{state=\"FAILED\"[^}]*}")).isEqualTo(failedBefore + 1);
		for (String gauge : new String[] { "provingground_jobs_due", "provingground_jobs_failed",
				"provingground_incidents_open", "provingground_evidence_index_pending",
				"provingground_evidence_index_lag_seconds", "provingground_load_runs_active",
				"provingground_load_runs_started_total" }) {
			assertThat(value(metrics, gauge + "(\\{[^}]*})?")).as(gauge).isGreaterThanOrEqualTo(0);
		}
	}

	private String scrape() throws Exception {
		return http.perform(get("/actuator/prometheus").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static double value(String metrics, String series) {
		Matcher line = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
		assertThat(line.find()).as(series + " in\n" + metrics.lines().filter(l -> l.startsWith("provingground")).toList())
			.isTrue();
		return Double.parseDouble(line.group(line.groupCount()));
	}

}
