package dev.provingground.platform;

import java.time.Duration;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Production parity (the Maven profile {@code parity}): each test context gets a PostgreSQL and an OpenSearch
 * container of the versions docker-compose.yml runs, instead of the embedded servers, so that the integration tests
 * also prove the platform against the real images. Each context gets its own pair, as it gets its own data directory
 * otherwise; Testcontainers removes them when the test JVM ends.
 */
final class ParityContainers {

	static final String POSTGRES_IMAGE = "postgres:17.6";

	static final String OPENSEARCH_IMAGE = "opensearchproject/opensearch:2.19.3";

	private ParityContainers() {
	}

	static boolean enabled() {
		return Boolean.getBoolean("provingground.test.parity");
	}

	@SuppressWarnings("resource") // the containers live as long as their test context; Testcontainers reaps them
	static void register(DynamicPropertyRegistry registry) {
		var postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE));
		postgres.start();
		var search = new GenericContainer<>(DockerImageName.parse(OPENSEARCH_IMAGE))
			.withEnv("discovery.type", "single-node")
			.withEnv("DISABLE_SECURITY_PLUGIN", "true")
			.withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
			.withExposedPorts(9200)
			.waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).forStatusCode(200))
			.withStartupTimeout(Duration.ofMinutes(3));
		search.start();
		registry.add("provingground.database.url", postgres::getJdbcUrl);
		registry.add("provingground.database.user", postgres::getUsername);
		registry.add("provingground.database.password", postgres::getPassword);
		registry.add("provingground.search.url", () -> "http://" + search.getHost() + ":" + search.getMappedPort(9200));
	}

}
