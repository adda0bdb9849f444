package dev.provingground.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TruthColumnsTest {

	@Test
	void namesPlainQualifiedAndAliasedColumns() {
		var columns = TruthColumns.of("""
				SELECT p.id AS product_id, :qty::int AS qty, p.base_price_cents AS unit_price_cents, name,
				       round(p.base_price_cents::bigint * (100 - coalesce(t.discount_pct, 0)) / 100.0)::bigint AS total_cents
				FROM products p LEFT JOIN LATERAL (SELECT discount_pct FROM price_tiers) t ON true WHERE p.id = :id
				""");

		assertThat(columns.problems()).isEmpty();
		assertThat(columns.names()).containsExactly("product_id", "qty", "unit_price_cents", "name", "total_cents");
	}

	@Test
	void commasAndFromInsideParenthesesOrStringsDoNotSplit() {
		var columns = TruthColumns.of(
				"select sku, (select sum(qty) from reservations r where r.sku = p.sku) as reserved, 'a, from b' AS note from products p");

		assertThat(columns.names()).containsExactly("sku", "reserved", "note");
	}

	@Test
	void anUnnamedExpressionOrAStarIsAProblem() {
		assertThat(TruthColumns.of("SELECT count(*) FROM orders").problems())
			.containsExactly("names no column for 'count(*)'; give it one with AS");
		assertThat(TruthColumns.of("SELECT o.* FROM orders o").problems())
			.containsExactly("must name its columns instead of 'o.*'");
		assertThat(TruthColumns.of("VALUES (1)").problems()).hasSize(1);
	}

}
