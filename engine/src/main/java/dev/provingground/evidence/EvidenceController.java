package dev.provingground.evidence;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.provingground.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Evidence search and one submission's evidence: evaluators and admins read everyone's, learners their own. Admins
 * rebuild the search index.
 */
@RestController
@Tag(name = "Evidence",
		description = "Full-text search over evidence, one submission's evidence, similar submissions, and rebuilding "
				+ "the search index")
class EvidenceController {

	private static final Logger log = LoggerFactory.getLogger(EvidenceController.class);

	private final EvidenceSearch search;

	private final EvidenceStore store;

	private final EvidenceIndexRebuild rebuild;

	EvidenceController(EvidenceSearch search, EvidenceStore store, EvidenceIndexRebuild rebuild) {
		this.search = search;
		this.store = store;
		this.rebuild = rebuild;
	}

	@GetMapping("/api/evidence")
	@Operation(summary = "Search evidence",
			description = "Full text over the content, with optional filters. By relevance with text, else newest first. "
					+ "Learners see only their own evidence.")
	@ApiResponse(responseCode = "200", description = "One page of hits")
	@ApiResponse(responseCode = "400", description = "Invalid criteria")
	@ApiResponse(responseCode = "403", description = "A learner asked for another learner's evidence")
	EvidencePage search(Authentication caller,
			@Parameter(description = "Full text; \"...\" for a phrase, -word to exclude; at most 500 characters")
			@RequestParam(required = false) String q,
			@Parameter(description = "Learner id; learners may give only their own")
			@RequestParam(required = false) String learner,
			@Parameter(description = "Scenario (activity) id") @RequestParam(required = false) String scenario,
			@Parameter(description = "Evidence kind, such as diff, reflection or check-results")
			@RequestParam(required = false) String kind,
			@Parameter(description = "Recorded at or after: an ISO-8601 instant, or a date for the start of that day (UTC)")
			@RequestParam(required = false) String from,
			@Parameter(description = "Recorded at or before: an ISO-8601 instant, or a date for the end of that day (UTC)")
			@RequestParam(required = false) String to,
			@Parameter(description = "0-based") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "1 to 100") @RequestParam(defaultValue = "20") int size) {
		if (!Groups.mayReadAnyLearner(caller)) {
			if (learner != null && !learner.isBlank() && !learner.strip().equals(caller.getName())) {
				throw new NotYours("Learners can search only their own evidence, not that of '" + learner + "'");
			}
			learner = caller.getName();
		}
		return search.search(new EvidenceQuery(q, learner, scenario, kind, instant("from", from, false),
				instant("to", to, true), page, size));
	}

	@GetMapping("/api/evidence/similar")
	@Operation(summary = "Similar submissions",
			description = "Other learners' runs whose diffs or reflections read much like this run's; at most five. "
					+ "Evaluators and admins only.")
	@ApiResponse(responseCode = "200", description = "The most alike first; empty when nothing is alike")
	@ApiResponse(responseCode = "403", description = "The caller is neither an evaluator nor an admin")
	List<SimilarSubmission> similar(Authentication caller,
			@Parameter(description = "The run under review") @RequestParam String processInstanceId) {
		if (!Groups.mayReadAnyLearner(caller)) {
			throw new NotYours("Only evaluators and admins can compare submissions");
		}
		return search.similarTo(processInstanceId);
	}

	@GetMapping("/api/evidence/submissions/{processInstanceId}")
	@Operation(summary = "One submission's evidence",
			description = "Everything one activity recorded, oldest first, read from the store (not the index). "
					+ "Learners may read only their own submissions.")
	@ApiResponse(responseCode = "200", description = "The evidence; empty when the activity recorded none")
	@ApiResponse(responseCode = "403", description = "A learner asked for another learner's submission")
	List<Evidence> submission(Authentication caller, @PathVariable String processInstanceId) {
		List<Evidence> items = store.ofProcessInstance(processInstanceId);
		boolean othersWork = items.stream().anyMatch(item -> !item.learnerId().equals(caller.getName()));
		if (othersWork && !Groups.mayReadAnyLearner(caller)) {
			throw new NotYours("Learners can read only their own submissions");
		}
		return items;
	}

	@PostMapping("/api/admin/evidence/reindex")
	@Operation(summary = "Rebuild the search index from PostgreSQL (admins)",
			description = "Drops and recreates the evidence index and queues every evidence item for the indexer. "
					+ "Search finds every item again once the indexer has caught up, in moments for a small store.")
	@ApiResponse(responseCode = "200", description = "How many items were queued")
	@ApiResponse(responseCode = "503",
			description = "OpenSearch cannot be reached; try again later, the evidence is safe in PostgreSQL")
	EvidenceIndexRebuild.Rebuilt reindex(Authentication caller) {
		return rebuild.rebuild("an admin (" + caller.getName() + ") asked for it");
	}

	@ExceptionHandler({ IllegalArgumentException.class, MissingServletRequestParameterException.class })
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Problem invalid(Exception ex) {
		return new Problem(ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Problem mistyped(MethodArgumentTypeMismatchException ex) {
		return new Problem("'" + ex.getName() + "' must be a whole number, not '" + ex.getValue() + "'");
	}

	@ExceptionHandler(NotYours.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	Problem forbidden(NotYours ex) {
		return new Problem(ex.getMessage());
	}

	@ExceptionHandler({ UncheckedIOException.class, OpenSearchException.class })
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	Problem unavailable(RuntimeException ex) {
		log.warn("Evidence search failed: {}", ex.toString());
		return new Problem("Evidence search is unavailable right now; nothing is lost, try again later");
	}

	/** An instant, or a date meaning the start of that day (for {@code from}) or its end (for {@code to}), in UTC. */
	private static Instant instant(String name, String value, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate day = LocalDate.parse(value);
				return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
						: day.atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant such as 2025-03-01T12:00:00Z, "
					+ "or a date such as 2025-03-01, not '" + value + "'");
		}
	}

	/** Asked for evidence the caller may not see. */
	private static final class NotYours extends RuntimeException {

		NotYours(String message) {
			super(message);
		}

	}

	record Problem(String message) {
	}

}
