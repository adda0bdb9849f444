package dev.provingground.load;

import dev.provingground.loadgen.LoadRunner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Load runs for the metrics endpoint: how many run now on this node, and how many it started. */
@Component
class LoadMetrics implements MeterBinder {

	private final LoadRunner runner;

	LoadMetrics(LoadRunner runner) {
		this.runner = runner;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("provingground.load.runs.active", runner, LoadRunner::activeRuns)
			.description("Load runs under way on this node")
			.register(registry);
		FunctionCounter.builder("provingground.load.runs.started", runner, LoadRunner::startedRuns)
			.description("Load runs this node started")
			.register(registry);
	}

}
