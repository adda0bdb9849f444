package dev.provingground.review;

import java.util.List;
import java.util.Map;

import dev.provingground.evidence.Evidence;
import dev.provingground.evidence.EvidenceStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calibration for evaluators (/api/review/calibration), and review quality for admins: gold submissions, inter-rater
 * agreement per criterion, reviewers' weights. Security lets only evaluators and admins reach /api/review/**, and only
 * admins /api/admin/**.
 */
@RestController
@Tag(name = "Review", description = "Peer review of submissions against their rubric, and endorsements")
class CalibrationController {

	private final Calibrations calibrations;

	private final RubricCatalog rubrics;

	private final EvidenceStore evidence;

	CalibrationController(Calibrations calibrations, RubricCatalog rubrics, EvidenceStore evidence) {
		this.calibrations = calibrations;
		this.rubrics = rubrics;
		this.evidence = evidence;
	}

	/** @param weight the caller's weight in Proof: the mean accuracy of their latest calibrations */
	record CalibrationOverview(List<Calibrations.Status> rubrics, double weight) {
	}

	/** A gold submission to score: its evidence and rubric, never its reference score. */
	record CalibrationTask(String processInstanceId, String activityId, String skill, Rubric rubric,
			List<Evidence> evidence) {
	}

	record Points(Map<String, Integer> points) {
	}

	record MarkGold(String processInstanceId, String rubricId, Map<String, Integer> points) {
	}

	record ReviewQuality(List<Calibrations.Gold> golds, List<Calibrations.CriterionAgreement> agreement,
			List<Calibrations.ReviewerWeight> reviewers) {
	}

	record Problem(String message, List<String> problems) {
	}

	@GetMapping("/api/review/calibration")
	@Operation(summary = "The caller's calibration per rubric with gold submissions, and their weight in Proof")
	CalibrationOverview overview(Authentication user) {
		return new CalibrationOverview(calibrations.statusOf(user.getName()), calibrations.weightOf(user.getName()));
	}

	@GetMapping("/api/review/calibration/next")
	@Operation(summary = "The next gold submission of a rubric for the caller to score")
	ResponseEntity<CalibrationTask> next(Authentication user, @RequestParam String rubric) {
		return calibrations.next(user.getName(), rubric)
			.map(gold -> ResponseEntity.ok(new CalibrationTask(gold.processInstanceId(), gold.activityId(), gold.skill(),
					rubrics.find(gold.rubricId()).orElseThrow(), evidence.ofProcessInstance(gold.processInstanceId()))))
			.orElse(ResponseEntity.noContent().build());
	}

	@PostMapping("/api/review/calibration/{processInstanceId}")
	@Operation(summary = "Score a gold submission; the answer shows the reference beside the caller's score")
	Calibrations.Result score(Authentication user, @PathVariable String processInstanceId, @RequestBody Points request) {
		return calibrations.score(user.getName(), processInstanceId, request == null ? null : request.points());
	}

	@GetMapping("/api/admin/review-quality")
	@Operation(summary = "Gold submissions, inter-rater agreement per rubric criterion (Krippendorff's alpha), reviewers' weights")
	ReviewQuality quality() {
		return new ReviewQuality(calibrations.golds(), calibrations.agreement(), calibrations.reviewers());
	}

	@PostMapping("/api/admin/gold")
	@Operation(summary = "Mark a submission as gold with reference points for its rubric (again: new reference points)")
	Calibrations.Gold markGold(Authentication user, @RequestBody MarkGold request) {
		if (request == null || request.processInstanceId() == null || request.processInstanceId().isBlank()) {
			throw new IllegalArgumentException("Name the submission, as {\"processInstanceId\": \"...\", \"points\": {...}}");
		}
		return calibrations.markGold(request.processInstanceId(), request.rubricId(), request.points(), user.getName());
	}

	@PostMapping("/api/admin/gold/{processInstanceId}/retire")
	@Operation(summary = "Stop offering a gold submission for calibration; the scores made with it stay")
	void retire(@PathVariable String processInstanceId) {
		calibrations.retire(processInstanceId);
	}

	@ExceptionHandler(ReviewRejectedException.class)
	ResponseEntity<Problem> conflict(ReviewRejectedException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(ex.getMessage(), List.of()));
	}

	@ExceptionHandler(InvalidScoreException.class)
	ResponseEntity<Problem> invalidScore(InvalidScoreException ex) {
		return ResponseEntity.badRequest().body(new Problem(ex.getMessage(), ex.problems()));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Problem> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(new Problem(ex.getMessage(), List.of()));
	}

}
