package dev.provingground.workflow;

import java.util.List;

import dev.provingground.review.InvalidScoreException;
import dev.provingground.sessions.SessionConflictException;
import dev.provingground.sessions.SessionNotFoundException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Clear answers for bad requests to the peer-session API. Nothing changed when one of these is sent. */
@RestControllerAdvice(assignableTypes = PeerSessionController.class)
class PeerSessionApiErrors {

	record Problem(String message, List<String> problems) {
	}

	@ExceptionHandler(SessionNotFoundException.class)
	ResponseEntity<Problem> notFound(SessionNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage(), List.of());
	}

	@ExceptionHandler({ SessionConflictException.class, MismatchingMessageCorrelationException.class })
	ResponseEntity<Problem> conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage(), List.of());
	}

	@ExceptionHandler(InvalidScoreException.class)
	ResponseEntity<Problem> invalidScore(InvalidScoreException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.problems());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Problem> badRequest(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), List.of());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Problem> unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST, "The request body is not JSON of the expected shape: "
				+ ex.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), List.of());
	}

	private static ResponseEntity<Problem> problem(HttpStatus status, String message, List<String> problems) {
		return ResponseEntity.status(status).body(new Problem(message, problems));
	}

}
