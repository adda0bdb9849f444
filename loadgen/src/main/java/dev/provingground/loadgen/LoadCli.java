package dev.provingground.loadgen;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one load from the command line and prints the report as one line of JSON; the benchmarks in {@code bench/}
 * use it. Arguments are {@code name=value}: model (open|closed), rate, users, warmup, duration, timeout (seconds),
 * host, port, path,
 * verbose (prints each second's sample to stderr).
 */
final class LoadCli {

	private LoadCli() {
	}

	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 1) {
				System.err.println("expected name=value, got " + arg);
				System.exit(2);
			}
			options.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		LoadModel model = LoadModel.valueOf(options.getOrDefault("model", "closed").toUpperCase(Locale.ROOT));
		LoadProfile profile = new LoadProfile(model, Integer.parseInt(options.getOrDefault("rate", "0")),
				Integer.parseInt(options.getOrDefault("users", "0")), seconds(options.getOrDefault("warmup", "2")),
				seconds(options.getOrDefault("duration", "10")), seconds(options.getOrDefault("timeout", "5")),
				List.of(RequestTemplate.get(options.getOrDefault("path", "/"))), Map.of());
		LoadTarget target = new LoadTarget(options.getOrDefault("host", "127.0.0.1"),
				Integer.parseInt(options.getOrDefault("port", "80")));
		try (LoadRunner runner = new LoadRunner()) {
			// Samples go to stderr, so the last line of stdout stays the report.
			LoadListener listener = Boolean.parseBoolean(options.getOrDefault("verbose", "false"))
					? sample -> System.err.println(sample) : LoadListener.NONE;
			System.out.println(json(runner.run(target, profile, listener)));
		}
	}

	private static Duration seconds(String value) {
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

	static String json(LoadReport report) {
		String errorsByKind = report.errorsByKind()
			.entrySet()
			.stream()
			.map(error -> quote(error.getKey()) + ":" + error.getValue())
			.collect(Collectors.joining(",", "{", "}"));
		return String.format(Locale.ROOT,
				"{\"completed\":%s,\"cut_short_reason\":%s,\"requests\":%d,\"errors\":%d,\"errors_by_kind\":%s,"
						+ "\"throughput_rps\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,"
						+ "\"max_ms\":%.3f,\"measured_s\":%.3f,\"samples\":%d}",
				report.completed(), report.cutShortReason() == null ? "null" : quote(report.cutShortReason()),
				report.requests(), report.errors(), errorsByKind, report.throughputRps(), report.p50Ms(),
				report.p90Ms(), report.p95Ms(), report.p99Ms(), report.maxMs(), report.measured().toNanos() / 1e9,
				report.samples().size());
	}

	private static String quote(String text) {
		return "\"" + RequestFactory.escapeJsonString(text) + "\"";
	}

}
