package dev.provingground.workflow;

import java.time.Instant;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * A step of a process instance whose job failed, as the person waiting on it sees it: what failed, why, and whether the
 * engine still retries it by itself or waits for someone to try again.
 */
@Component
class StuckSteps {

	/**
	 * @param step the failed step's name in the model
	 * @param message why it failed, from the step's own exception
	 * @param retrying whether the engine tries again by itself ({@code nextTryAt}); when not, {@link #retry} does
	 */
	record Problem(String step, String message, boolean retrying, Instant nextTryAt) {
	}

	private final ManagementService management;

	private final RepositoryService repository;

	StuckSteps(ManagementService management, RepositoryService repository) {
		this.management = management;
		this.repository = repository;
	}

	Optional<Problem> of(String processInstanceId) {
		if (processInstanceId == null) {
			return Optional.empty();
		}
		return management.createJobQuery().processInstanceId(processInstanceId).withException().list().stream()
			.findFirst()
			.map(job -> new Problem(stepName(job), job.getExceptionMessage(), job.getRetries() > 0,
					job.getRetries() > 0 && job.getDuedate() != null ? job.getDuedate().toInstant() : null));
	}

	/** Gives each failed job of the instance that ran out of retries one more; returns whether there was one. */
	boolean retry(String processInstanceId) {
		var failed = management.createJobQuery().processInstanceId(processInstanceId).noRetriesLeft().list();
		failed.forEach(job -> management.setJobRetries(job.getId(), 1));
		return !failed.isEmpty();
	}

	private String stepName(Job job) {
		String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).list().stream()
			.findFirst()
			.map(definition -> definition.getActivityId())
			.orElse(null);
		if (activity == null) {
			return "a step";
		}
		var element = repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activity);
		String name = element == null ? null : element.getAttributeValue("name");
		return name == null || name.isBlank() ? activity : name;
	}

}
