package dev.provingground.checks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one JSON line a benchmark prints last: maps, lists, strings, and numbers with a fixed number of decimals. */
final class BenchmarkJson {

	private BenchmarkJson() {
	}

	static String of(Object value, int decimals) {
		if (value instanceof Map<?, ?> map) {
			return map.entrySet().stream()
				.map(entry -> quote(String.valueOf(entry.getKey())) + ": " + of(entry.getValue(), decimals))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		if (value instanceof List<?> list) {
			return list.stream().map(item -> of(item, decimals)).collect(Collectors.joining(", ", "[", "]"));
		}
		if (value instanceof String text) {
			return quote(text);
		}
		if (value instanceof Double number) {
			return number.isNaN() || number.isInfinite() ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", number);
		}
		return String.valueOf(value);
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
