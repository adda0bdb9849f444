package dev.provingground.review;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Krippendorff's alpha: how far raters agree beyond chance, from 1 (perfect) through 0 (chance) to below 0
 * (systematic disagreement). Units may have any number of ratings; a unit with fewer than two cannot be paired and
 * is left out, as the coefficient prescribes. Computed from the coincidences of values within units (Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability", 2011).
 */
public final class KrippendorffAlpha {

	/** Below this, agreement is too weak to draw even tentative conclusions from the ratings (Krippendorff). */
	public static final double TENTATIVE = 0.667;

	/** The difference function: squared distance for interval values, identity for nominal ones. */
	public enum Metric {

		NOMINAL((a, b) -> a.equals(b) ? 0.0 : 1.0), INTERVAL((a, b) -> (a - b) * (a - b));

		private final BiFunction<Double, Double, Double> difference;

		Metric(BiFunction<Double, Double, Double> difference) {
			this.difference = difference;
		}

	}

	/**
	 * @param alpha the coefficient, or NaN when fewer than two pairable values exist or every value is the same
	 * @param units the units with at least two ratings
	 * @param values the ratings in those units
	 */
	public record Result(double alpha, int units, int values) {
	}

	private KrippendorffAlpha() {
	}

	/** @param units the ratings of each unit, by any raters; missing ratings are simply absent */
	public static Result of(List<List<Double>> units, Metric metric) {
		List<List<Double>> pairable = units.stream().filter(unit -> unit.size() >= 2).toList();
		List<Double> all = new ArrayList<>();
		pairable.forEach(all::addAll);
		int n = all.size();
		if (n < 2) {
			return new Result(Double.NaN, pairable.size(), n);
		}
		double observed = 0;
		for (List<Double> unit : pairable) {
			double within = 0;
			for (int i = 0; i < unit.size(); i++) {
				for (int j = 0; j < unit.size(); j++) {
					if (i != j) {
						within += metric.difference.apply(unit.get(i), unit.get(j));
					}
				}
			}
			observed += within / (unit.size() - 1);
		}
		observed /= n;
		double expected = 0;
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				if (i != j) {
					expected += metric.difference.apply(all.get(i), all.get(j));
				}
			}
		}
		expected /= (double) n * (n - 1);
		return new Result(expected == 0 ? Double.NaN : 1 - observed / expected, pairable.size(), n);
	}

}
