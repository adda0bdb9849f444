package dev.provingground.provisioning;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import dev.provingground.platform.NodeIncarnation;
import dev.provingground.platform.RecurringJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Removes stacks that must go: their run ended, they were idle past their limit, or the platform process that started
 * them crashed (it stopped sending heartbeats). It works from the stack rows, never from memory.
 */
@Component
class StackReaper implements SmartLifecycle, SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(StackReaper.class);

	private final StackRecords records;

	private final NodeProvisioner provisioner;

	private final ProvisioningSettings settings;

	private ScheduledExecutorService heartbeat;

	StackReaper(StackRecords records, NodeProvisioner provisioner, ProvisioningSettings settings) {
		this.records = records;
		this.provisioner = provisioner;
		this.settings = settings;
	}

	/**
	 * Before any job runs: the stacks that this node's dead predecessor started go at once, not once their heartbeats
	 * are overdue, and with them whatever a crash left without a row. A run whose stack went gets a new one from its
	 * workspace when it next needs one.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		String nodeId = provisioner.nodeId();
		String node = NodeIncarnation.prefixOf(nodeId);
		var left = node.isEmpty() ? List.<StackRecords.StackRow>of()
				: records.leftByPredecessors(provisioner.placement(), node, nodeId);
		left.forEach(stack -> log.info("Stack {} of run {} was left running by this node's previous process, which "
				+ "ended without stopping it: removing it", stack.id(), stack.runId()));
		tearDown(left);
		removeLeftovers();
	}

	/** Tears down every stack of this node's placement that must go, and what a crash left behind; returns how many. */
	int reap() {
		int reaped = tearDown(records.toReap(provisioner.placement(), settings.orphanAfter())) + removeLeftovers();
		if (reaped > 0) {
			log.info("The reaper removed {} stack(s)", reaped);
		}
		return reaped;
	}

	/** Each stack that cannot be removed now is left to the reaper's next round; returns how many went. */
	private int tearDown(List<StackRecords.StackRow> stacks) {
		int removed = 0;
		for (var stack : stacks) {
			try {
				provisioner.tearDown(stack.id());
				removed++;
			}
			catch (RuntimeException ex) {
				log.warn("The reaper could not remove stack {}: {}", stack.id(), ex.getMessage());
			}
		}
		return removed;
	}

	private int removeLeftovers() {
		try {
			return provisioner.removeLeftovers();
		}
		catch (RuntimeException ex) {
			log.warn("The reaper could not remove leftovers: {}", ex.getMessage());
			return 0;
		}
	}

	/**
	 * Heartbeats run on every platform node, unlike the clustered Quartz job: each vouches for its own stacks, and
	 * watches their limits.
	 */
	@Override
	public void start() {
		heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
			var thread = new Thread(runnable, "stack-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long every = settings.heartbeat().toMillis();
		heartbeat.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
	}

	private void beat() {
		try {
			records.heartbeat(provisioner.nodeId());
		}
		catch (RuntimeException ex) {
			log.warn("Stack heartbeat failed: {}", ex.getMessage());
		}
		try {
			provisioner.watchLimits();
		}
		catch (RuntimeException ex) {
			log.warn("Watching the stacks' limits failed: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		heartbeat.shutdownNow();
		heartbeat = null;
	}

	@Override
	public boolean isRunning() {
		return heartbeat != null;
	}

	/** Quartz runs the reaper: one node at a time in a cluster, and it survives restarts in the job store. */
	@DisallowConcurrentExecution
	static class ReaperJob implements Job {

		private final StackReaper reaper;

		ReaperJob(StackReaper reaper) {
			this.reaper = reaper;
		}

		@Override
		public void execute(JobExecutionContext context) {
			reaper.reap();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		JobDetail stackReaperJob() {
			return RecurringJobs.job("stack-reaper", ReaperJob.class);
		}

		@Bean
		Trigger stackReaperTrigger(JobDetail stackReaperJob, ProvisioningSettings settings) {
			return RecurringJobs.every(settings.reaperInterval(), stackReaperJob);
		}

	}

}
