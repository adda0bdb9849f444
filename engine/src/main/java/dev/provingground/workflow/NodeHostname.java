package dev.provingground.workflow;

import dev.provingground.platform.PlatformSettings;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the engine this platform node's name as its host name, so that the job log ({@code act_hi_job_log.hostname_})
 * and Cockpit say which node of a cluster ran each job. Camunda's default is an IP address and the engine's name,
 * which an operator has to map back to a node.
 */
@Component
class NodeHostname extends AbstractProcessEnginePlugin {

	private final String nodeName;

	NodeHostname(PlatformSettings platform) {
		this.nodeName = platform.nodeName();
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHostname(nodeName);
	}

}
