package dev.provingground.platform;

import java.sql.Timestamp;
import java.time.Duration;

import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Records each firing of a {@link RecurringJobs recurring job} in {@code recurring_job_run}: the job, its scheduled
 * time, the node that ran it and how it ended. Quartz's clustered store promises that one node runs each firing; the
 * audit lets an operator see that it did, which node did the work, and which runs a crashed node left unfinished.
 * A failure to record is logged and never stops the job.
 */
@Component
class RecurringJobAudit implements JobListener, SchedulerFactoryBeanCustomizer {

	private static final Logger log = LoggerFactory.getLogger(RecurringJobAudit.class);

	private static final String RUN_ID = RecurringJobAudit.class.getName() + ".runId";

	private final JdbcClient jdbc;

	private final String node;

	private final Duration retention;

	RecurringJobAudit(JdbcClient jdbc, PlatformSettings platform,
			@Value("${provingground.recurring-jobs.audit-retention:7d}") Duration retention) {
		this.jdbc = jdbc;
		this.node = platform.nodeName();
		this.retention = retention;
	}

	@Override
	public void customize(SchedulerFactoryBean scheduler) {
		scheduler.setGlobalJobListeners(this);
	}

	@Override
	public String getName() {
		return "recurring-job-audit";
	}

	@Override
	public void jobToBeExecuted(JobExecutionContext context) {
		try {
			long id = jdbc.sql("""
					insert into recurring_job_run (job_name, scheduled_at, fired_at, node, scheduler_instance)
					values (?, ?, ?, ?, ?) returning id
					""")
				.params(context.getJobDetail().getKey().getName(), timestamp(context.getScheduledFireTime() != null
							? context.getScheduledFireTime() : context.getFireTime()),
						timestamp(context.getFireTime()), node, context.getScheduler().getSchedulerInstanceId())
				.query(Long.class)
				.single();
			context.put(RUN_ID, id);
		}
		catch (RuntimeException | SchedulerException ex) {
			log.warn("Could not record the start of recurring job {}: {}", context.getJobDetail().getKey(), ex.getMessage());
		}
	}

	@Override
	public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
		if (!(context.get(RUN_ID) instanceof Long id)) {
			return;
		}
		try {
			jdbc.sql("update recurring_job_run set finished_at = now(), failure = ? where id = ?")
				.params(failure == null ? null : String.valueOf(failure.getMessage()), id)
				.update();
			jdbc.sql("delete from recurring_job_run where job_name = ? and scheduled_at < now() - make_interval(secs => ?)")
				.params(context.getJobDetail().getKey().getName(), (double) retention.toSeconds())
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not record the end of recurring job {}: {}", context.getJobDetail().getKey(), ex.getMessage());
		}
	}

	@Override
	public void jobExecutionVetoed(JobExecutionContext context) {
		// No trigger listener vetoes; nothing ran.
	}

	private static Timestamp timestamp(java.util.Date date) {
		return date == null ? null : new Timestamp(date.getTime());
	}

}
