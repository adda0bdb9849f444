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
	 * Responses must match the database's truth: {@code samples} requests, each with fresh placeholder values, are
	 * compared with the rows {@code truth} returns for the same values. {@code responseAt} is a JSON pointer to the part
	 * of the answer to compare, such as {@code /orders}, or empty for the whole answer. With a {@code profile}, the
	 * samples are taken while that load runs, after its warm-up, so that an app which only goes wrong under load
	 * (swallowed errors, empty fallbacks) is caught; without one, on a quiet stack.
	 */
	record HttpCheck(String id, String title, List<String> hints, String method, String path, String body, int samples,
			String truth, String responseAt, String profile) implements CheckSpec {

		/** A {@code :name} parameter of the truth query; {@code ::type} casts are not parameters. */
		public static final java.util.regex.Pattern TRUTH_PARAMETER = java.util.regex.Pattern
			.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

		/** A {@code {name}} placeholder of the request's path or body. */
		public static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern
			.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

		public HttpCheck {
			hints = List.copyOf(hints);
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
