package dev.provingground.review;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The coefficient against the worked example of Krippendorff (2011): four observers, twelve units, values missing. */
class KrippendorffAlphaTest {

	/** Each unit's values, the missing ones left out; unit 12 has one value and cannot be paired. */
	private static final List<List<Double>> EXAMPLE = List.of(
			List.of(1.0, 1.0, 1.0), List.of(2.0, 2.0, 3.0, 2.0), List.of(3.0, 3.0, 3.0, 3.0),
			List.of(3.0, 3.0, 3.0, 3.0), List.of(2.0, 2.0, 2.0, 2.0), List.of(1.0, 2.0, 3.0, 4.0),
			List.of(4.0, 4.0, 4.0, 4.0), List.of(1.0, 1.0, 2.0, 1.0), List.of(2.0, 2.0, 2.0, 2.0),
			List.of(5.0, 5.0, 5.0), List.of(1.0, 1.0), List.of(3.0));

	@Test
	void theWorkedExampleGivesThePublishedCoefficients() {
		var interval = KrippendorffAlpha.of(EXAMPLE, KrippendorffAlpha.Metric.INTERVAL);
		assertThat(interval.alpha()).isCloseTo(0.849, within(0.0005));
		assertThat(interval.units()).isEqualTo(11);
		assertThat(interval.values()).isEqualTo(40);
		assertThat(KrippendorffAlpha.of(EXAMPLE, KrippendorffAlpha.Metric.NOMINAL).alpha()).isCloseTo(0.743, within(0.0005));
	}

	@Test
	void perfectAgreementIsOneAndRatersWhoSwapAreBelowZero() {
		var same = List.of(List.of(1.0, 1.0), List.of(3.0, 3.0), List.of(2.0, 2.0));
		assertThat(KrippendorffAlpha.of(same, KrippendorffAlpha.Metric.INTERVAL).alpha()).isEqualTo(1.0);
		var opposite = List.of(List.of(0.0, 3.0), List.of(3.0, 0.0), List.of(0.0, 3.0), List.of(3.0, 0.0));
		assertThat(KrippendorffAlpha.of(opposite, KrippendorffAlpha.Metric.INTERVAL).alpha()).isLessThan(0);
	}

	@Test
	void withoutPairableValuesThereIsNoCoefficient() {
		var lonely = List.of(List.of(2.0), List.of(3.0));
		var result = KrippendorffAlpha.of(lonely, KrippendorffAlpha.Metric.INTERVAL);
		assertThat(result.alpha()).isNaN();
		assertThat(result.units()).isZero();
		var uniform = List.of(List.of(2.0, 2.0), List.of(2.0, 2.0));
		assertThat(KrippendorffAlpha.of(uniform, KrippendorffAlpha.Metric.INTERVAL).alpha()).as("no variation").isNaN();
	}

}
