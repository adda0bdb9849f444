package dev.provingground.provisioning;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stacks for the metrics endpoint, by state, across every node: read from the database at each scrape. */
@Component
class StackMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	StackMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (StackState state : StackState.values()) {
			Gauge.builder("provingground.stacks", this, metrics -> metrics.count(state))
				.description("Stacks in this state, on every node")
				.tag("state", state.name())
				.register(registry);
		}
	}

	private double count(StackState state) {
		return jdbc.sql("select count(*) from stack where state = ?").param(state.name()).query(Long.class).single();
	}

}
