package dev.provingground.workflow;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Limits what the engine's expression language can see to the allow-listed delegates. Model validation already
 * rejects other beans; this holds even for a model that was never validated.
 */
@Component
class ExpressionSandbox extends AbstractProcessEnginePlugin {

	private final ApplicationContext context;

	ExpressionSandbox(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		Map<Object, Object> beans = new HashMap<>();
		for (String name : ProcessDelegates.ALLOWED) {
			if (!context.containsBean(name) || !(context.isTypeMatch(name, JavaDelegate.class)
					|| context.isTypeMatch(name, TaskListener.class))) {
				throw new IllegalStateException("The allow-listed delegate '" + name
						+ "' has no JavaDelegate or TaskListener bean");
			}
			beans.put(name, context.getBean(name));
		}
		configuration.setBeans(beans);
		configuration.setExpressionManager(new SpringExpressionManager(context, beans));
	}

}
