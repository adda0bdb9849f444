package dev.provingground.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.provingground.catalog.VariableSpec;
import dev.provingground.provisioning.Stack;

/** Reads from a stack's own database, as the platform: variable values, and check queries. */
public final class StackData {

	/** The most values a variable keeps; enough for a run to spread its requests over the data. */
	static final int MAX_VALUES = 10_000;

	private StackData() {
	}

	/** Opens a connection to the stack's database as the platform's superuser. */
	public static Connection connect(Stack stack) throws SQLException {
		var connection = DriverManager.getConnection(stack.database().jdbcUrl(), stack.database().platformLogin());
		try (Statement statement = connection.createStatement()) {
			// Checks and telemetry must never hang on a learner's lock or a runaway query. The learner's role owns the
			// database, so it could set a search path for it, or make a schema named after this user: the scenario's
			// tables are read from public, and nothing else.
			statement.execute(
					"SET statement_timeout = '15s'; SET application_name = 'provingground'; SET search_path = public");
		}
		return connection;
	}

	/**
	 * Draws the values of the scenario's variables from the stack's data: a query's first column, or random integers
	 * of a range. The queries' {@code random()} is seeded from {@code random} too, so that the same seed draws the same
	 * values from the same data.
	 * @throws IllegalStateException when a query fails or returns nothing, with the variable's name
	 */
	public static Map<String, List<String>> drawVariables(Stack stack, Map<String, VariableSpec> variables,
			Random random) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (variables.isEmpty()) {
			return values;
		}
		try (Connection connection = connect(stack)) {
			for (var variable : variables.entrySet()) {
				values.put(variable.getKey(),
						variable.getValue() instanceof VariableSpec.Query query
								? queryValues(connection, variable.getKey(), query.sql(), random)
								: rangeValues((VariableSpec.Range) variable.getValue(), random));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the stack's database: " + ex.getMessage(), ex);
		}
		return values;
	}

	private static List<String> queryValues(Connection connection, String name, String sql, Random random) {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT setseed(" + (random.nextDouble() * 2 - 1) + ")");
			statement.setMaxRows(MAX_VALUES);
			try (ResultSet rows = statement.executeQuery(sql)) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The query of variable '" + name + "' failed: " + ex.getMessage(), ex);
		}
		if (values.isEmpty()) {
			throw new IllegalStateException("The query of variable '" + name + "' returned no rows");
		}
		return values;
	}

	private static List<String> rangeValues(VariableSpec.Range range, Random random) {
		long count = Math.min(MAX_VALUES, range.max() - range.min() + 1);
		List<String> values = new ArrayList<>((int) count);
		for (int i = 0; i < count; i++) {
			values.add(Long.toString(random.nextLong(range.min(), range.max() + 1)));
		}
		return values;
	}

}
