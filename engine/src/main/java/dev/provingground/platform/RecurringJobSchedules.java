package dev.provingground.platform;

import java.util.List;

import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Makes the stored Quartz schedules those of the trigger beans, touching only the ones that differ. Rescheduling every
 * trigger at every node start (Spring's {@code overwrite-existing-jobs}) made a firing run twice in a cluster: a node
 * that starts while another has already acquired the next firing resets the trigger, and the other node fires the
 * same scheduled time again.
 */
@Component
class RecurringJobSchedules implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(RecurringJobSchedules.class);

	private final Scheduler scheduler;

	private final List<Trigger> triggers;

	RecurringJobSchedules(Scheduler scheduler, List<Trigger> triggers) {
		this.scheduler = scheduler;
		this.triggers = triggers;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		for (Trigger trigger : triggers) {
			try {
				Trigger stored = scheduler.getTrigger(trigger.getKey());
				if (stored != null && !sameSchedule(stored, trigger)) {
					scheduler.rescheduleJob(trigger.getKey(), trigger);
					log.info("Recurring job {} has a new schedule", trigger.getKey().getName());
				}
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException("Could not update the schedule of " + trigger.getKey() + ": "
						+ ex.getMessage(), ex);
			}
		}
	}

	static boolean sameSchedule(Trigger stored, Trigger wanted) {
		if (stored instanceof CronTrigger storedCron && wanted instanceof CronTrigger wantedCron) {
			return storedCron.getCronExpression().equals(wantedCron.getCronExpression())
					&& storedCron.getTimeZone().equals(wantedCron.getTimeZone());
		}
		if (stored instanceof SimpleTrigger storedSimple && wanted instanceof SimpleTrigger wantedSimple) {
			return storedSimple.getRepeatInterval() == wantedSimple.getRepeatInterval()
					&& storedSimple.getRepeatCount() == wantedSimple.getRepeatCount();
		}
		return false;
	}

}
