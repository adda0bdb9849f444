package dev.provingground.platform;

import java.time.Duration;

import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Jobs that Quartz repeats forever, from its clustered JDBC store: one node at a time runs each firing, and the
 * schedule survives restarts. A missed firing is skipped, not caught up.
 */
public final class RecurringJobs {

	private RecurringJobs() {
	}

	public static JobDetail job(String name, Class<? extends Job> type) {
		return JobBuilder.newJob(type).withIdentity(name).storeDurably().build();
	}

	public static Trigger every(Duration interval, JobDetail job) {
		return TriggerBuilder.newTrigger()
			.forJob(job)
			.withIdentity(job.getKey().getName())
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(interval.toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	/**
	 * Fires on a Quartz cron schedule, such as {@code 0 30 3 * * ?} for 03:30 every day. A firing missed while no node
	 * ran is run once when a node comes back.
	 */
	public static Trigger cron(String expression, JobDetail job) {
		return TriggerBuilder.newTrigger()
			.forJob(job)
			.withIdentity(job.getKey().getName())
			.withSchedule(CronScheduleBuilder.cronSchedule(expression).withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

}
