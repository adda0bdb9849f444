package dev.provingground.search;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Readiness includes OpenSearch: a red cluster or an unreachable one makes the platform not ready. */
@Component("opensearch")
class OpenSearchHealthIndicator extends AbstractHealthIndicator {

	private final OpenSearchClient client;

	OpenSearchHealthIndicator(OpenSearchClient client) {
		super("OpenSearch health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		var health = client.cluster().health();
		builder.status(health.status() == HealthStatus.Red ? "DOWN" : "UP")
			.withDetail("cluster", health.clusterName())
			.withDetail("status", health.status().jsonValue())
			.withDetail("nodes", health.numberOfNodes());
	}

}
