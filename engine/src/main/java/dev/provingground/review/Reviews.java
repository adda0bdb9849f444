package dev.provingground.review;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.identity.Groups;
import dev.provingground.notifications.Notification;
import dev.provingground.notifications.Notifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Peer reviews: taken once per submission, never from the submission's author, and always against its rubric. */
@Service
public class Reviews {

	public static final int MAX_COMMENT = 5000;

	private static final String ALREADY_REVIEWED = "This submission was already reviewed; a review cannot be submitted twice";

	/** What is being reviewed: one activity of one learner. */
	public record Submission(String processInstanceId, String learnerId, String skill, String activityId,
			String rubricId) {
	}

	private final JdbcClient jdbc;

	private final RubricCatalog rubrics;

	private final Notifications notifications;

	private final Calibrations calibrations;

	private final ObjectMapper json;

	Reviews(JdbcClient jdbc, RubricCatalog rubrics, Notifications notifications, Calibrations calibrations,
			ObjectMapper json) {
		this.jdbc = jdbc;
		this.rubrics = rubrics;
		this.notifications = notifications;
		this.calibrations = calibrations;
		this.json = json;
	}

	public Rubric rubric(String rubricId) {
		return rubrics.find(rubricId)
			.orElseThrow(() -> new IllegalStateException("The rubric '" + rubricId + "' is not loaded; the startup log says why"));
	}

	/**
	 * Records a review after checking the reviewer and every score.
	 * @throws ReviewRejectedException for a self-review or a second review
	 * @throws InvalidScoreException when the points do not fit the rubric
	 * @throws IllegalArgumentException when the comment is too long
	 */
	@Transactional
	public Review submit(Submission submission, String reviewerId, Map<String, Integer> points, String comment) {
		requireReviewer(submission, reviewerId);
		if (of(submission.processInstanceId()).isPresent()) {
			throw new ReviewRejectedException(ALREADY_REVIEWED);
		}
		String text = comment == null ? "" : comment.strip();
		if (text.length() > MAX_COMMENT) {
			throw new IllegalArgumentException("The comment is " + text.length() + " characters; the limit is " + MAX_COMMENT);
		}
		RubricScore score = rubric(submission.rubricId()).score(points == null ? Map.of() : points);
		int inserted = jdbc.sql("""
				insert into review (process_instance_id, learner_id, skill, activity_id, reviewer_id, rubric_id, points,
				                    score, passed, comment)
				values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
				on conflict (process_instance_id) do nothing
				""")
			.params(submission.processInstanceId(), submission.learnerId(), submission.skill(), submission.activityId(),
					reviewerId, score.rubricId(), toJson(score.points()), score.score(), score.passed(), text)
			.update();
		if (inserted == 0) {
			throw new ReviewRejectedException(ALREADY_REVIEWED);
		}
		return of(submission.processInstanceId()).orElseThrow();
	}

	/**
	 * @throws ReviewRejectedException when the reviewer is the submission's author, or must calibrate on its rubric
	 * first
	 */
	public void requireReviewer(Submission submission, String reviewerId) {
		if (reviewerId == null || reviewerId.isBlank()) {
			throw new ReviewRejectedException("A review needs a reviewer");
		}
		if (reviewerId.equals(submission.learnerId())) {
			throw new ReviewRejectedException("You cannot review your own work");
		}
		calibrations.requireCalibrated(reviewerId, submission.rubricId());
	}

	public Optional<Review> of(String processInstanceId) {
		return jdbc.sql("select * from review where process_instance_id = ?")
			.param(processInstanceId)
			.query((rs, row) -> new Review(rs.getString("process_instance_id"), rs.getString("learner_id"),
					rs.getString("skill"), rs.getString("activity_id"), rs.getString("reviewer_id"),
					rs.getString("rubric_id"), fromJson(rs.getString("points")), rs.getDouble("score"),
					rs.getBoolean("passed"), rs.getString("comment"), rs.getTimestamp("reviewed_at").toInstant()))
			.optional();
	}

	/** Nobody claimed the review in time: the admins are told, so that they can find an evaluator. */
	public void escalate(Submission submission, String waitedFor) {
		notifications.send(Notification.group(Groups.ADMINS), "review-overdue",
				"Nobody has claimed the review of " + submission.learnerId() + "'s " + submission.activityId()
						+ " for " + waitedFor + ". Assign an evaluator in the review queue.");
	}

	private String toJson(Map<String, Integer> points) {
		return PointsJson.write(json, points);
	}

	private Map<String, Integer> fromJson(String points) {
		return PointsJson.read(json, points);
	}

}
