package dev.provingground.catalog;

import java.util.List;
import java.util.Map;

/**
 * A check as the manifest declares it. Each kind says what it measures; the checks module runs them.
 */
public sealed interface CheckSpec {

	String id();

	String title();

	/** Progressive hints: the first is gentle, the last names the concept. */
	List<String> hints();

	/** SLOs on a load run: latency percentiles, error rate, throughput. */
	record LoadCheck(String id, String title, List<String> hints, String profile, Map<LoadMetric, Threshold> assertions)
			implements CheckSpec {

		public LoadCheck {
			hints = List.copyOf(hints);
			assertions = Map.copyOf(assertions);
		}

	}

	/**
	 * Responses must match the database's truth, while the data changes under them. Each of {@code samples} samples
	 * draws fresh values (from the check run's seed), asks the app, changes the rows behind the answer through the
	 * database with one of {@code changes} (round robin), waits {@code freshness} and asks again; both answers must equal
	 * what {@code truth} returns for the same values at that moment. {@code fields} is the answer's contract: every
	 * field an answer object (or each item, when {@code responseAt} points at an array) must carry with the value the
	 * checker computes itself, from the truth's columns or, for the {@code derived} fields, with the scenario's own
	 * reference program. Fields beyond the contract are ignored. With a {@code profile}, the samples are taken while
	 * that load runs, after its warm-up, so that an app which only goes wrong under load is caught; without one, on a
	 * quiet stack.
	 */
	record HttpCheck(String id, String title, List<String> hints, String method, String path, String body, int samples,
			String truth, String responseAt, String profile, List<String> fields, List<String> changes,
			java.time.Duration freshness, Derived derived) implements CheckSpec {

		/** A {@code :name} parameter of the truth query or a change; {@code ::type} casts are not parameters. */
		public static final java.util.regex.Pattern TRUTH_PARAMETER = java.util.regex.Pattern
			.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

		/** A {@code {name}} placeholder of the request's path or body. */
		public static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern
			.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

		public HttpCheck {
			hints = List.copyOf(hints);
			fields = List.copyOf(fields);
			changes = List.copyOf(changes);
		}

		/** The contract's fields the truth query returns; the derived ones are computed by the reference program. */
		public List<String> truthFields() {
			return fields.stream().filter(field -> derived == null || !derived.fields().contains(field)).toList();
		}

	}

	/**
	 * Fields of an answer that the truth query cannot return (a signature, a digest), computed by the scenario's own
	 * reference code: {@code program} runs in the package's folder, reads one JSON object per line on its standard
	 * input ({@code {"values": {...}, "row": {...}}}, a sample's values and one truth row) and writes one JSON object
	 * per line with the {@code fields}.
	 */
	record Derived(List<String> fields, List<String> program) {

		public Derived {
			fields = List.copyOf(fields);
			program = List.copyOf(program);
		}

	}

	/**
	 * A plan assertion ({@code no_seq_scan_on}, {@code uses_index_on}) on the EXPLAIN of {@code query}, or a
	 * {@code value} the query's first column must stay within.
	 */
	record SqlCheck(String id, String title, List<String> hints, String query, String noSeqScanOn, String usesIndexOn,
			Threshold value) implements CheckSpec {

		public SqlCheck {
			hints = List.copyOf(hints);
		}

		public boolean explains() {
			return value == null;
		}

	}

	/** What the stack did during a load run: database connections, replica shares, CPU, memory. */
	record TelemetryCheck(String id, String title, List<String> hints, String profile,
			Map<TelemetryMetric, Threshold> assertions) implements CheckSpec {

		public TelemetryCheck {
			hints = List.copyOf(hints);
			assertions = Map.copyOf(assertions);
		}

	}

	enum LoadMetric {

		P50_MS, P90_MS, P95_MS, P99_MS, MAX_MS, ERROR_RATE, THROUGHPUT_RPS;

		public String key() {
			return name().toLowerCase();
		}

	}

	enum TelemetryMetric {

		/** The most client connections to the stack's database at once. */
		MAX_DB_CONNECTIONS,
		/** Connections opened to the stack's database during the run: a pool opens a few, a client per request thousands. */
		NEW_DB_CONNECTIONS,
		/** The smallest share of requests any replica served behind the balancer. */
		MIN_REPLICA_SHARE,
		/** The highest CPU use of any replica, in percent of one core. */
		MAX_CPU_PERCENT,
		/** The highest resident memory of any replica, in MiB. */
		MAX_RSS_MB;

		public String key() {
			return name().toLowerCase();
		}

	}

}
