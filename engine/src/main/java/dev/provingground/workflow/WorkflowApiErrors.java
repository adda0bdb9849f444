package dev.provingground.workflow;

import java.util.List;

import dev.provingground.catalog.UnknownScenarioException;
import dev.provingground.milestones.InvalidProjectRequestException;
import dev.provingground.milestones.ProjectRunNotFoundException;
import dev.provingground.milestones.UnknownProjectException;
import dev.provingground.review.InvalidScoreException;
import dev.provingground.review.ReviewRejectedException;
import dev.provingground.runs.InvalidRunRequestException;
import dev.provingground.runs.RunNotFoundException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Clear answers for bad requests to the run, review and model APIs. Nothing changed when one of these is sent. */
@RestControllerAdvice(assignableTypes = { ScenarioRunController.class, RunWorkspaceController.class,
		MilestoneProjectController.class, ReviewController.class, ModelAdminController.class })
class WorkflowApiErrors {

	record Problem(String message, List<String> problems) {
	}

	/** A refused model: each violation names its element, so the modeler can mark it. */
	record RefusedModel(String message, List<ModelViolation> violations) {
	}

	@ExceptionHandler({ RunNotFoundException.class, UnknownScenarioException.class, ProjectRunNotFoundException.class,
			UnknownProjectException.class, DeployedModels.UnknownModelVersionException.class })
	ResponseEntity<Problem> notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage(), List.of());
	}

	@ExceptionHandler({ InvalidRunRequestException.class, InvalidProjectRequestException.class,
			ReviewRejectedException.class, MismatchingMessageCorrelationException.class })
	ResponseEntity<Problem> conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage(), List.of());
	}

	@ExceptionHandler(InvalidScoreException.class)
	ResponseEntity<Problem> invalidScore(InvalidScoreException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.problems());
	}

	@ExceptionHandler(InvalidModelException.class)
	ResponseEntity<RefusedModel> invalidModel(InvalidModelException ex) {
		int count = ex.violations().size();
		String message = "The model breaks " + (count == 1 ? "a rule" : count + " rules") + ", so it was not deployed";
		return ResponseEntity.unprocessableEntity().body(new RefusedModel(message, ex.violations()));
	}

	/** A refusal with its reason, such as a test package a learner may not start. */
	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<Problem> refused(ResponseStatusException ex) {
		return problem(HttpStatus.valueOf(ex.getStatusCode().value()), ex.getReason(), List.of());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Problem> badRequest(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), List.of());
	}

	private static ResponseEntity<Problem> problem(HttpStatus status, String message, List<String> problems) {
		return ResponseEntity.status(status).body(new Problem(message, problems));
	}

}
