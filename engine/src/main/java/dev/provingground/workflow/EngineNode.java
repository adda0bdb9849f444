package dev.provingground.workflow;

import dev.provingground.platform.NodeIncarnation;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes the engine this platform node. Its host name is the node's name, so that the job log
 * ({@code act_hi_job_log.hostname_}) and Cockpit say which node of a cluster ran each job (Camunda's default is an IP
 * address). Its job executor locks jobs as this process's id as the node, so that a restarted node knows which locks
 * its dead predecessor held, and releases them at once: otherwise its interrupted jobs would wait out the lock time
 * (five minutes) before anyone ran them again.
 */
@Component
class EngineNode extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

	private final NodeIncarnation node;

	private final JdbcClient jdbc;

	EngineNode(NodeIncarnation node, JdbcClient jdbc) {
		this.node = node;
		this.jdbc = jdbc;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHostname(node.nodeName());
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.getJobExecutor().setLockOwner(node.id());
	}

	/** Before the job executor starts: the jobs a dead process of this node held are free to run again. */
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		int released = jdbc.sql("""
				update act_ru_job set lock_owner_ = null, lock_exp_time_ = null
				where starts_with(lock_owner_, ?) and lock_owner_ <> ?
				""").params(node.idPrefix(), node.id()).update();
		if (released > 0) {
			log.info("Released {} job(s) that this node's previous process held when it ended; they run again now",
					released);
		}
	}

}
