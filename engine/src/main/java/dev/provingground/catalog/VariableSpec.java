package dev.provingground.catalog;

/**
 * Where the values of a {@code {name}} placeholder come from: the first column of a query on the stack's database,
 * or a range of integers.
 */
public sealed interface VariableSpec {

	record Query(String sql) implements VariableSpec {
	}

	record Range(long min, long max) implements VariableSpec {
	}

}
