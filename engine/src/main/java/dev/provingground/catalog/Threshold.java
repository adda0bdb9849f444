package dev.provingground.catalog;

/** Bounds a measured value must stay within; either bound may be absent. */
public record Threshold(Double min, Double max) {

	public boolean admits(double value) {
		return (min == null || value >= min) && (max == null || value <= max);
	}

	@Override
	public String toString() {
		if (min != null && max != null) {
			return "between " + format(min) + " and " + format(max);
		}
		return min != null ? "at least " + format(min) : "at most " + format(max);
	}

	static String format(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
				: Double.toString(value);
	}

}
