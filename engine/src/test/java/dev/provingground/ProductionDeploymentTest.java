package dev.provingground;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production deployment's files, checked without Docker: docker-compose.yml has every service with its
 * healthcheck and settings, runs stacks with the Docker provisioner and listens on nothing beyond loopback; Prometheus scrapes both nodes where the metrics
 * are; the Grafana dashboard asks only for metrics the platform exports (MetricsIntegrationTest proves those exist);
 * the image carries the content folders the platform reads.
 */
class ProductionDeploymentTest {

	private static final Path ROOT = Path.of("..");

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	/** The platform's own metrics and the standard ones the dashboard reads. */
	private static final List<String> EXPORTED = List.of("provingground_jobs_due", "provingground_jobs_failed",
			"provingground_incidents_open", "provingground_stacks", "provingground_load_runs_active",
			"provingground_load_runs_started_total", "provingground_evidence_index_lag_seconds",
			"provingground_evidence_index_pending", "http_server_requests_seconds_count", "jvm_memory_used_bytes",
			"process_cpu_usage");

	@Test
	void composeRunsTwoNodesBehindNginxWithTheirStoresAndMonitoring() throws IOException {
		JsonNode compose = withAliases(ROOT.resolve("docker-compose.yml"));
		JsonNode services = compose.get("services");
		assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("postgres", "opensearch", "platform-1",
				"platform-2", "nginx", "prometheus", "grafana");
		for (String withHealthcheck : List.of("postgres", "opensearch", "platform-1", "platform-2", "prometheus", "grafana")) {
			assertThat(services.at("/" + withHealthcheck + "/healthcheck/test").isArray()).as(withHealthcheck).isTrue();
		}
		List<String> nodeNames = new ArrayList<>();
		List<String> nodePorts = new ArrayList<>();
		for (String node : List.of("platform-1", "platform-2")) {
			JsonNode environment = services.at("/" + node + "/environment");
			assertThat(environment.fieldNames()).toIterable().as(node).contains("DATABASE_URL", "DATABASE_USER",
					"DATABASE_PASSWORD", "OPENSEARCH_URL", "PROVINGGROUND_ADMIN_PASSWORD", "PROVINGGROUND_BASE_URL");
			assertThat(environment.get("PROVINGGROUND_PROVISIONING_MODE").asText()).isEqualTo("docker");
			assertThat(environment.get("SERVER_ADDRESS").asText()).isEqualTo("127.0.0.1");
			nodeNames.add(environment.get("PROVINGGROUND_NODE_NAME").asText());
			nodePorts.add(environment.get("PORT").asText());
			assertThat(services.at("/" + node + "/healthcheck/test/1").asText())
				.contains("127.0.0.1:" + environment.get("PORT").asText() + "/actuator/health/readiness");
			assertThat(services.at("/" + node + "/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
			List<String> volumes = new ArrayList<>();
			services.at("/" + node + "/volumes").forEach(volume -> volumes.add(volume.asText()));
			assertThat(volumes).as(node + ": the shared data directory and the Docker socket")
				.containsExactlyInAnyOrder("platform-data:/app/data", "/var/run/docker.sock:/var/run/docker.sock");
		}
		assertThat(nodeNames).as("distinct node names").doesNotHaveDuplicates();
		assertThat(nodePorts).containsExactly("8081", "8082");
		// Stacks publish on the host's loopback, so whatever must reach them or the nodes shares the host's network.
		for (String onHost : List.of("platform-1", "platform-2", "nginx", "prometheus", "grafana")) {
			assertThat(services.at("/" + onHost + "/network_mode").asText()).as(onHost).isEqualTo("host");
		}
		List<String> published = new ArrayList<>();
		services.forEach(service -> service.path("ports").forEach(port -> published.add(port.asText())));
		assertThat(published).containsExactlyInAnyOrder("127.0.0.1:5432:5432", "127.0.0.1:9200:9200");
		assertThat(compose.at("/secrets/admin_password/environment").asText()).isEqualTo("PROVINGGROUND_ADMIN_PASSWORD");

		String nginx = Files.readString(ROOT.resolve("docker/nginx.conf"));
		assertThat(nginx).contains("listen 127.0.0.1:8080;", "server 127.0.0.1:8081;", "server 127.0.0.1:8082;");
		assertThat(services.at("/grafana/environment/GF_SERVER_HTTP_ADDR").asText()).isEqualTo("127.0.0.1");
		assertThat(services.at("/prometheus/command").toString()).contains("--web.listen-address=127.0.0.1:9090");
	}

	/** Compose files share settings through YAML anchors, which Jackson's tree reader leaves unresolved. */
	private static JsonNode withAliases(Path file) throws IOException {
		return new ObjectMapper().valueToTree(new org.yaml.snakeyaml.Yaml().load(Files.readString(file)));
	}

	@Test
	void prometheusScrapesBothNodesAsTheAdmin() throws IOException {
		JsonNode job = YAML.readTree(ROOT.resolve("docker/prometheus.yml").toFile()).at("/scrape_configs/0");
		assertThat(job.get("metrics_path").asText()).isEqualTo("/actuator/prometheus");
		List<String> targets = new ArrayList<>();
		job.at("/static_configs/0/targets").forEach(target -> targets.add(target.asText()));
		assertThat(targets).containsExactly("127.0.0.1:8081", "127.0.0.1:8082");
		assertThat(job.at("/basic_auth/username").asText()).isEqualTo("admin");
		assertThat(job.at("/basic_auth/password_file").asText()).isEqualTo("/run/secrets/admin_password");
	}

	@Test
	void theDashboardShowsEngineJobsStacksLoadAndIndexingFromExportedMetrics() throws IOException {
		JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("docker/grafana/dashboards/proving-ground.json").toFile());
		List<String> titles = new ArrayList<>();
		List<String> expressions = new ArrayList<>();
		dashboard.get("panels").forEach(panel -> {
			titles.add(panel.get("title").asText());
			panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
		});
		assertThat(titles).anyMatch(title -> title.startsWith("Engine"))
			.anyMatch(title -> title.startsWith("Job executor"))
			.anyMatch(title -> title.startsWith("Stacks"))
			.anyMatch(title -> title.startsWith("Load runs"))
			.anyMatch(title -> title.startsWith("Evidence indexing"));
		Pattern metric = Pattern.compile("\\b([a-z_]+_(?:total|count|seconds|bytes|usage|due|failed|open|stacks|active|pending))\\b");
		for (String expression : expressions) {
			Matcher names = metric.matcher(expression);
			assertThat(names.find()).as("a metric in " + expression).isTrue();
			do {
				assertThat(EXPORTED).as("exported: " + names.group(1)).contains(names.group(1));
			}
			while (names.find());
		}
		JsonNode datasource = YAML.readTree(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml").toFile());
		assertThat(datasource.at("/datasources/0/url").asText()).isEqualTo("http://127.0.0.1:9090");
		assertThat(datasource.at("/datasources/0/uid").asText())
			.isEqualTo(dashboard.at("/panels/0/datasource/uid").asText());
	}

	@Test
	void theImageCarriesTheContentThePlatformReads() throws IOException {
		String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
		for (String folder : List.of("scenarios", "rubrics", "projects", "sessions")) {
			assertThat(dockerfile).contains("COPY " + folder + " /app/" + folder);
			assertThat(ROOT.resolve(folder)).isDirectory();
		}
		assertThat(dockerfile).contains("PROVINGGROUND_SCENARIOS_DIR=/app/scenarios", "PROVINGGROUND_RUBRICS_DIR=/app/rubrics",
				"PROVINGGROUND_PROJECTS_DIR=/app/projects", "PROVINGGROUND_SESSION_PROMPTS=/app/sessions/prompts.yaml");
	}

}
