package dev.provingground.sci;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Freshness in SQL, the same rule as {@link SciCalculator}: max × 2^(−d / half-life), d = whole days since the newest
 * evidence, rounded to hundredths. Stored standings keep the SCI as of their last tier decision; reads and the daily
 * decay compute today's freshness with this.
 */
final class FreshnessSql {

	/** The expression, over a table aliased {@code s}; it needs {@link #bind}'s parameters. */
	static final String POINTS = "round((:freshness_max * power(2, -greatest(0, floor(extract(epoch from "
			+ "(:as_of - s.newest_evidence_at)) / 86400)) / :half_life))::numeric, 2)";

	private FreshnessSql() {
	}

	static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, SciParameters parameters, Instant asOf) {
		return statement.param("freshness_max", parameters.freshnessMax())
			.param("half_life", parameters.halfLifeDays())
			.param("as_of", Timestamp.from(asOf));
	}

}
