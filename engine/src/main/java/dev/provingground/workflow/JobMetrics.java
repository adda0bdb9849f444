package dev.provingground.workflow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The job executor for the metrics endpoint, across every node: jobs due now (a growing number means the executors
 * fall behind), jobs out of retries, and open incidents.
 */
@Component
class JobMetrics implements MeterBinder {

	private final ManagementService management;

	private final RuntimeService runtime;

	JobMetrics(ManagementService management, RuntimeService runtime) {
		this.management = management;
		this.runtime = runtime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("provingground.jobs.due", management, jobs -> jobs.createJobQuery().executable().count())
			.description("Jobs due now and not yet executed")
			.register(registry);
		Gauge.builder("provingground.jobs.failed", management, jobs -> jobs.createJobQuery().noRetriesLeft().count())
			.description("Jobs with no retries left")
			.register(registry);
		Gauge.builder("provingground.incidents.open", runtime, instances -> instances.createIncidentQuery().count())
			.description("Open incidents")
			.register(registry);
	}

}
