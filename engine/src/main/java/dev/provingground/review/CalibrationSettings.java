package dev.provingground.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param required gold submissions an evaluator scores before reviewing with a rubric; a rubric with fewer gold
 * submissions than this cannot be calibrated on, so it asks for none
 * @param renewAfter how long a calibration holds; then the evaluator scores gold submissions again
 */
@ConfigurationProperties("provingground.review.calibration")
record CalibrationSettings(@DefaultValue("3") int required, @DefaultValue("180d") Duration renewAfter) {

	CalibrationSettings {
		if (required < 1) {
			throw new IllegalArgumentException("provingground.review.calibration.required must be at least 1, not " + required);
		}
		if (renewAfter.isNegative() || renewAfter.isZero()) {
			throw new IllegalArgumentException("provingground.review.calibration.renew-after must be positive");
		}
	}

}
