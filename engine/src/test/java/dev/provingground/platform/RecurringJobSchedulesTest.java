package dev.provingground.platform;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored schedules change only where the trigger beans changed them, on a real (in-memory) Quartz scheduler. */
class RecurringJobSchedulesTest {

	private Scheduler scheduler;

	private final JobDetail job = RecurringJobs.job("tidy", Tidy.class);

	public static class Tidy implements Job {

		@Override
		public void execute(JobExecutionContext context) {
		}

	}

	@BeforeEach
	void startScheduler() throws Exception {
		var properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", "schedules-test-" + System.nanoTime());
		properties.setProperty("org.quartz.threadPool.threadCount", "1");
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
		scheduler = new StdSchedulerFactory(properties).getScheduler();
		// Marked, so that a test can tell the stored trigger from one that replaced it.
		scheduler.scheduleJob(job, RecurringJobs.every(Duration.ofMinutes(5), job).getTriggerBuilder()
			.usingJobData("stored", true)
			.build());
	}

	@AfterEach
	void stopScheduler() throws Exception {
		scheduler.shutdown();
	}

	@Test
	void anUnchangedScheduleIsLeftAsStoredSoAnAcquiredFiringStaysTheOnlyOne() throws Exception {
		Trigger stored = scheduler.getTrigger(RecurringJobs.every(Duration.ofMinutes(5), job).getKey());

		new RecurringJobSchedules(scheduler, List.of(RecurringJobs.every(Duration.ofMinutes(5), job))).onApplicationEvent(null);

		Trigger after = scheduler.getTrigger(stored.getKey());
		assertThat(after.getJobDataMap()).as("the stored trigger, not rescheduled").containsEntry("stored", true);
		assertThat(after.getNextFireTime()).isEqualTo(stored.getNextFireTime());
	}

	@Test
	void aChangedIntervalReplacesTheStoredOne() throws Exception {
		Trigger wanted = RecurringJobs.every(Duration.ofSeconds(30), job);

		new RecurringJobSchedules(scheduler, List.of(wanted)).onApplicationEvent(null);

		Trigger after = scheduler.getTrigger(wanted.getKey());
		assertThat(((SimpleTrigger) after).getRepeatInterval()).isEqualTo(30_000);
		assertThat(after.getJobDataMap()).doesNotContainKey("stored");
	}

	@Test
	void schedulesCompareByWhenTheyFire() {
		assertThat(RecurringJobSchedules.sameSchedule(RecurringJobs.cron("0 30 3 * * ?", job),
				RecurringJobs.cron("0 30 3 * * ?", job))).isTrue();
		assertThat(RecurringJobSchedules.sameSchedule(RecurringJobs.cron("0 30 3 * * ?", job),
				RecurringJobs.cron("0 30 4 * * ?", job))).isFalse();
		assertThat(RecurringJobSchedules.sameSchedule(RecurringJobs.every(Duration.ofSeconds(30), job),
				RecurringJobs.cron("*/30 * * * * ?", job))).isFalse();
	}

}
