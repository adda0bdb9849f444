package dev.provingground.checks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The correctness checks' own writes, kept from being bent. The learner's role owns the stack's database, so it may add
 * triggers and rules that drop or alter a write for the checker alone, or make the app undo it; a copy of the data
 * would then never go stale. So each change runs twice in one snapshot: first with the database's triggers and rules
 * off, which gives what the change means, then as the database treats any write. The truth must read the same after
 * both, and the change must still be there when the app has been asked again.
 */
final class GuardedChanges {

	/** How often a change is tried again when a concurrent write to the same rows got there first. */
	private static final int ATTEMPTS = 3;

	private static final String SERIALIZATION_FAILURE = "40001";

	private GuardedChanges() {
	}

	/** The truth of a sample right after its change, and how many rows the change touched. */
	record Applied(int rows, List<Map<String, Object>> truth) {
	}

	/** A change that the learner's database or app did not keep: the check fails with this message. */
	static final class NotKeptException extends IllegalStateException {

		NotKeptException(String message) {
			super(message);
		}

	}

	/**
	 * Null when the database can be trusted with the checks' writes, else why not: every table a change writes must be
	 * a plain table, and no trigger or rule may be set to fire even when triggers are off ({@code ENABLE ALWAYS} or
	 * {@code ENABLE REPLICA}), because that is the one kind the first run of a change cannot leave out.
	 */
	static String refusal(Connection connection, List<String> changes) throws SQLException {
		synchronized (connection) {
			for (String change : changes) {
				Matcher statement = HttpChecks.CHANGE_STATEMENT.matcher(change);
				if (!statement.lookingAt()) {
					continue;
				}
				String table = statement.group(2);
				try (PreparedStatement kind = connection
					.prepareStatement("SELECT c.relkind::text FROM pg_class c WHERE c.oid = to_regclass(?)")) {
					kind.setString(1, table);
					try (ResultSet result = kind.executeQuery()) {
						if (!result.next()) {
							return "Your database has no table " + table + ", which the check writes to";
						}
						String relkind = result.getString(1);
						if (!relkind.equals("r") && !relkind.equals("p")) {
							return table + " is no longer a plain table in your database ("
									+ (relkind.equals("v") ? "it is a view" : "relkind " + relkind)
									+ "); the check writes to it and reads it as a table";
						}
					}
				}
			}
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("""
							SELECT format('trigger %I on %s', t.tgname, t.tgrelid::regclass) FROM pg_trigger t
							WHERE NOT t.tgisinternal AND t.tgenabled IN ('A', 'R')
							UNION ALL
							SELECT format('rule %I on %s', r.rulename, r.ev_class::regclass) FROM pg_rewrite r
							WHERE r.rulename <> '_RETURN' AND r.ev_enabled IN ('A', 'R')
							LIMIT 1""")) {
				if (result.next()) {
					return "Your database has " + result.getString(1) + " set to fire always (ENABLE ALWAYS or ENABLE "
							+ "REPLICA); the check cannot trust its own writes to a database that has one. Use plain "
							+ "triggers, or none";
				}
			}
			return null;
		}
	}

	/**
	 * Makes the change and reads the sample's truth after it.
	 * @throws NotKeptException when the database's triggers or rules altered or dropped the change
	 */
	static Applied apply(Connection connection, String change, String truth, Map<String, String> values)
			throws SQLException {
		synchronized (connection) {
			for (int attempt = 1;; attempt++) {
				try {
					return applyOnce(connection, change, truth, values);
				}
				catch (SQLException ex) {
					if (!SERIALIZATION_FAILURE.equals(ex.getSQLState()) || attempt == ATTEMPTS) {
						throw ex;
					}
				}
			}
		}
	}

	private static Applied applyOnce(Connection connection, String change, String truth, Map<String, String> values)
			throws SQLException {
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			// Deferred constraint triggers would otherwise fire at commit, after the truth was read.
			statement.execute("SET CONSTRAINTS ALL IMMEDIATE");
			Savepoint meaning = connection.setSavepoint();
			statement.execute("SET LOCAL session_replication_role = replica");
			Applied meant = run(connection, change, truth, values);
			connection.rollback(meaning);
			statement.execute("SET LOCAL session_replication_role = origin");
			Applied kept = run(connection, change, truth, values);
			if (kept.rows() != meant.rows() || !kept.truth().equals(meant.truth())) {
				connection.rollback();
				throw new NotKeptException("Your database did not keep the check's change (it "
						+ HttpChecks.describe(change) + "): the change touches " + meant.rows() + " row(s) and then reads "
						+ brief(meant.truth()) + ", but with your triggers and rules it touched " + kept.rows()
						+ " and read " + brief(kept.truth()) + ". A trigger or rule must not alter or drop other writers' changes");
			}
			connection.commit();
			return kept;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
			connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
		}
	}

	private static Applied run(Connection connection, String change, String truth, Map<String, String> values)
			throws SQLException {
		int rows;
		try (PreparedStatement statement = HttpChecks.prepare(connection, change, values)) {
			rows = statement.executeUpdate();
		}
		return new Applied(rows, HttpChecks.rows(connection, truth, values));
	}

	/** Rows as a message shows them: the first 300 characters. */
	private static String brief(List<Map<String, Object>> rows) {
		String text = rows.toString();
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

	/**
	 * Throws when a change that moved the truth has been undone by the time the app was asked again: nothing but the
	 * learner's own code writes in between.
	 */
	static void requireStillThere(String change, List<Map<String, Object>> before, Applied applied,
			List<Map<String, Object>> afterAsking) {
		if (!applied.truth().equals(before) && afterAsking.equals(before)) {
			throw new NotKeptException("The check's change (it " + HttpChecks.describe(change)
					+ ") was undone before the app was asked again; only your own code writes to the database in "
					+ "between. Other writers' changes must stay");
		}
	}

}
