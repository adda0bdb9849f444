package dev.provingground.workflow;

import dev.provingground.review.ReviewRejectedException;
import dev.provingground.review.Reviews;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.provingground.workflow.ProcessDelegates.*;
import static dev.provingground.workflow.ProcessVariables.*;
import static dev.provingground.workflow.StandingDelegates.text;

/** The review task's guard and its escalation. */
@Configuration(proxyBeanMethods = false)
class ReviewDelegates {

	/**
	 * Holds on the review task itself, whoever drives it (our API, Tasklist or the engine's REST API): the learner can
	 * never be its assignee, and it completes only with a review recorded through {@link Reviews}.
	 */
	@Bean(REVIEW_GUARD)
	TaskListener reviewGuard(Reviews reviews) {
		return task -> {
			var submission = submission(task.getExecution());
			if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
				if (task.getAssignee() != null) {
					reviews.requireReviewer(submission, task.getAssignee());
				}
				task.setVariable(REVIEW_CLAIMED, task.getAssignee() != null);
			}
			else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())
					&& reviews.of(task.getProcessInstanceId()).isEmpty()) {
				throw new ReviewRejectedException("Submit the review with its rubric scores (POST /api/review/tasks/"
						+ task.getId() + "); it cannot be completed without them");
			}
		};
	}

	@Bean(ESCALATE_REVIEW)
	JavaDelegate escalateReview(Reviews reviews) {
		return execution -> reviews.escalate(submission(execution), text(execution, REVIEW_ESCALATE_AFTER));
	}

	static Reviews.Submission submission(DelegateExecution execution) {
		return new Reviews.Submission(execution.getProcessInstanceId(), text(execution, LEARNER_ID),
				text(execution, SKILL), text(execution, ACTIVITY_ID), text(execution, RUBRIC_ID));
	}

}
