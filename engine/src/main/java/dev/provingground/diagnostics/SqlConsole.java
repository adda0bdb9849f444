package dev.provingground.diagnostics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackConsoles;
import dev.provingground.runs.ScenarioRun;
import dev.provingground.runs.ScenarioRuns;
import org.postgresql.core.Parser;
import org.springframework.stereotype.Service;

/**
 * Runs the learner's SQL on their stack's database, as the console's read-only role ({@link StackConsoles}): one
 * statement at a time, {@value #MAX_STATEMENT} characters at most, {@value #MAX_ROWS} rows shown, each value cut at
 * {@value #MAX_VALUE} characters. An {@code EXPLAIN ... FORMAT JSON} answer comes back as a plan tree as well.
 * Each statement goes on the run's trail.
 */
@Service
class SqlConsole {

	static final int MAX_STATEMENT = 10_000;

	static final int MAX_ROWS = 500;

	static final int MAX_VALUE = 2_000;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ScenarioRuns runs;

	private final StackConsoles consoles;

	private final DiagnosticTrail trail;

	/** The runs whose statement is running: one at a time each. */
	private final java.util.Map<UUID, Boolean> running = new java.util.concurrent.ConcurrentHashMap<>();

	SqlConsole(ScenarioRuns runs, StackConsoles consoles, DiagnosticTrail trail) {
		this.runs = runs;
		this.consoles = consoles;
		this.trail = trail;
	}

	/**
	 * @param error PostgreSQL's message when the statement failed (then there are no rows)
	 * @param truncated whether there were more rows than shown
	 */
	record Result(List<String> columns, List<List<String>> rows, boolean truncated, long millis, QueryPlan plan,
			String error) {
	}

	Result run(UUID runId, String learnerId, String statement) {
		if (statement == null || statement.isBlank()) {
			throw new DiagnosticsException("Write a SQL statement first");
		}
		if (statement.length() > MAX_STATEMENT) {
			throw new DiagnosticsException("A statement may have at most " + MAX_STATEMENT + " characters; this one has "
					+ statement.length());
		}
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		String sql = statement.strip().replaceAll(";\\s*$", "");
		requireOneStatement(sql);
		if (running.putIfAbsent(runId, Boolean.TRUE) != null) {
			throw new DiagnosticsException("Your previous statement is still running; the console runs one at a time");
		}
		long started = System.nanoTime();
		Result result;
		Connection connection = null;
		try {
			connection = connect(run);
			result = execute(connection, sql, started);
		}
		catch (SQLException ex) {
			String message = message(ex);
			if (connection == null) {
				message = "Your database took no new connection (" + message + "). It is overloaded: your app may "
						+ "still be working off the requests a load left queued. Try again in a few seconds.";
			}
			result = new Result(List.of(), List.of(), false, millisSince(started), null, message);
		}
		finally {
			closeQuietly(connection);
			running.remove(runId);
		}
		trail.record(runId, learnerId, "sql", sql, result.error() != null ? "error: " + result.error()
				: result.rows().size() + (result.truncated() ? "+" : "") + " row(s) in " + result.millis() + " ms");
		return result;
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// the answer is in; a connection that fails to close is the server's to end
			}
		}
	}

	private Connection connect(ScenarioRun run) throws SQLException {
		if (run.stackId() == null) {
			throw new DiagnosticsException("Your run has no stack yet; wait until it has started");
		}
		return consoles.connect(run.stackId())
			.orElseThrow(() -> new DiagnosticsException("Your stack is not running now, so its database cannot be "
					+ "reached; restart the app to bring it back"));
	}

	/**
	 * One statement a call, as the driver splits them (quotes, comments and dollar quoting understood): it would send
	 * several in one go, each with its own time limit.
	 */
	private static void requireOneStatement(String sql) {
		try {
			if (Parser.parseJdbcSql(sql, true, false, true, false, true).size() > 1) {
				throw new DiagnosticsException("The console runs one statement at a time; this text has several");
			}
		}
		catch (SQLException ex) {
			throw new DiagnosticsException("The statement cannot be read: " + ex.getMessage());
		}
	}

	private static Result execute(Connection connection, String sql, long started) throws SQLException {
		try (var statement = connection.prepareStatement(sql)) {
			statement.setMaxRows(MAX_ROWS + 1);
			statement.setQueryTimeout(15); // the role's own timeout (10 s) comes first; this one guards the platform

			if (!statement.execute()) { // with the role's read-only transactions, only a statement that changes nothing
				return new Result(List.of("result"), List.of(List.of(statement.getUpdateCount() + " row(s)")), false,
						millisSince(started), null, null);
			}
			try (ResultSet rows = statement.getResultSet()) {
				var meta = rows.getMetaData();
				List<String> columns = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					columns.add(meta.getColumnLabel(i));
				}
				List<List<String>> values = new ArrayList<>();
				boolean truncated = false;
				String firstValue = null; // whole, for a plan: the rows shown cut long values
				while (rows.next()) {
					if (values.isEmpty()) {
						firstValue = rows.getString(1);
					}
					if (values.size() == MAX_ROWS) {
						truncated = true;
						break;
					}
					List<String> row = new ArrayList<>();
					for (int i = 1; i <= columns.size(); i++) {
						String value = rows.getString(i);
						row.add(value == null || value.length() <= MAX_VALUE ? value
								: value.substring(0, MAX_VALUE) + " …");
					}
					values.add(row);
				}
				return new Result(columns, values, truncated, millisSince(started), planOf(columns, values.size(), firstValue),
						null);
			}
		}
	}

	/** The plan of an {@code EXPLAIN (FORMAT JSON)}: one row, one column, named QUERY PLAN. */
	private static QueryPlan planOf(List<String> columns, int rows, String text) {
		if (columns.size() != 1 || !columns.get(0).equalsIgnoreCase("QUERY PLAN") || rows != 1) {
			return null;
		}
		if (text == null || !text.stripLeading().startsWith("[")) {
			return null;
		}
		try {
			return QueryPlan.of(JSON.readTree(text));
		}
		catch (JsonProcessingException notJson) {
			return null;
		}
	}

	private static String message(SQLException ex) {
		String message = ex.getMessage();
		if ("25006".equals(ex.getSQLState())) {
			return message + " (the console only reads: change the data through your app or its migration)";
		}
		if ("57014".equals(ex.getSQLState())) {
			return "The statement ran longer than the console's limit and was cancelled";
		}
		if (message != null && message.contains("maxResultBuffer")) {
			return "The answer is larger than the console reads (" + Stack.DatabaseAccess.MAX_ANSWER
					+ "B): ask for fewer rows or shorter values, for example left(column, 200)";
		}
		return message;
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
