package dev.provingground.catalog;

import dev.provingground.platform.YamlFields;

/** Bounds a measured value must stay within; either bound may be absent. */
public record Threshold(Double min, Double max) {

	public boolean admits(double value) {
		return (min == null || value >= min) && (max == null || value <= max);
	}

	@Override
	public String toString() {
		if (min != null && max != null) {
			return "between " + YamlFields.format(min) + " and " + YamlFields.format(max);
		}
		return min != null ? "at least " + YamlFields.format(min) : "at most " + YamlFields.format(max);
	}

}
