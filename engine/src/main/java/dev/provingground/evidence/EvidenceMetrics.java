package dev.provingground.evidence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evidence indexing for the metrics endpoint: how much evidence waits for the search index, and how long the oldest
 * has waited (0 when nothing waits). A growing lag means search shows stale results.
 */
@Component
class EvidenceMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	EvidenceMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("provingground.evidence.index.pending", this, EvidenceMetrics::pending)
			.description("Evidence items waiting to be indexed")
			.register(registry);
		Gauge.builder("provingground.evidence.index.lag", this, EvidenceMetrics::lagSeconds)
			.description("How long the oldest evidence waiting to be indexed has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private double pending() {
		return jdbc.sql("select count(*) from evidence_outbox").query(Long.class).single();
	}

	private double lagSeconds() {
		return jdbc.sql("""
				select coalesce(extract(epoch from now() - min(e.recorded_at)), 0)
				from evidence_outbox o join evidence e on e.id = o.evidence_id
				""").query(Double.class).single();
	}

}
