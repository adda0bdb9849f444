package dev.provingground.workflow;

import java.util.List;

import dev.provingground.identity.Groups;
import dev.provingground.notifications.Notifications;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Tells the admins about every failed step that ran out of retries, as a notification with the step's message, beside
 * the incident that the engine's own handler records (a composite handler: the engine's stays the main one).
 */
@Component
class IncidentNotifier extends AbstractProcessEnginePlugin {

	/** At most this much of a failure's message goes into a notification. */
	private static final int MESSAGE_LIMIT = 500;

	private final Notifications notifications;

	IncidentNotifier(@Lazy Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setCompositeIncidentHandlersEnabled(true);
		configuration.setCustomIncidentHandlers(List.of(new IncidentHandler() {

			@Override
			public String getIncidentHandlerType() {
				return Incident.FAILED_JOB_HANDLER_TYPE;
			}

			@Override
			public Incident handleIncident(IncidentContext context, String message) {
				String text = message == null ? "no message" : message;
				if (text.length() > MESSAGE_LIMIT) {
					text = text.substring(0, MESSAGE_LIMIT) + "...";
				}
				notifications.send(Groups.ADMINS, "incident", "A step failed and waits for a retry (activity "
						+ context.getActivityId() + ", execution " + context.getExecutionId() + "): "
						+ text);
				return null;
			}

			@Override
			public void resolveIncident(IncidentContext context) {
			}

			@Override
			public void deleteIncident(IncidentContext context) {
			}

		}));
	}

}
