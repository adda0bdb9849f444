package dev.provingground.provisioning;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The learner's way into their stack's database for diagnosis: a login role of its own, {@value #ROLE}, that reads
 * every table and the monitoring views ({@code pg_read_all_data}, {@code pg_monitor}) and can change nothing. Its
 * transactions are read-only and its statements time out, by the role's own settings, so no statement can undo them;
 * and it is no superuser, so it reaches no file or program of the server. Its password is the platform's, and the
 * learner's terminal has it: the role only reads, and only this stack's database.
 */
@Component
public class StackConsoles {

	static final String ROLE = "console";

	/** A statement runs at most this long. */
	static final String STATEMENT_TIMEOUT = "10s";

	private final StackRecords records;

	StackConsoles(StackRecords records) {
		this.records = records;
	}

	/** Creates or renews the role, as the stack's superuser, when the stack's database starts. */
	static void createRole(Statement superuser, String password) throws SQLException {
		superuser.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + ROLE + "') then "
				+ "create role " + ROLE + " login; end if; end $$");
		superuser.execute("grant pg_read_all_data, pg_monitor to " + ROLE);
		// The slots kept for it (PostgreSQL 16 and later): the console works while the app holds every other one.
		superuser.execute("do $$ begin if exists (select from pg_roles where rolname = 'pg_use_reserved_connections') "
				+ "then grant pg_use_reserved_connections to " + ROLE + "; end if; end $$");
		superuser.execute("alter role " + ROLE + " nosuperuser nocreatedb nocreaterole connection limit 4 password "
				+ StackDatabases.quoteLiteral(password));
		superuser.execute("alter role " + ROLE + " set default_transaction_read_only = on");
		superuser.execute("alter role " + ROLE + " set statement_timeout = '" + STATEMENT_TIMEOUT + "'");
		superuser.execute("alter role " + ROLE + " set idle_in_transaction_session_timeout = '30s'");
	}

	/**
	 * What a shell in the stack needs for {@code psql} to reach its database as the console's role, without a word
	 * typed: the learner's terminal reads as the SQL console does, and changes the data only through the app.
	 */
	static Map<String, String> environment(String host, int port, String database, String password) {
		return Map.of("PGHOST", host, "PGPORT", Integer.toString(port), "PGDATABASE", database, "PGUSER", ROLE,
				"PGPASSWORD", password, "PGAPPNAME", "Proving Ground terminal");
	}

	/** A connection to the running stack's database as the console's role; empty when the stack has no database now. */
	public Optional<Connection> connect(UUID stackId) throws SQLException {
		var stack = records.stack(stackId).filter(found -> found.state() == StackState.READY);
		if (stack.isEmpty() || stack.get().database() == null) {
			return Optional.empty();
		}
		var properties = Stack.DatabaseAccess.loginAs(ROLE, records.credentials().console(stackId),
				"Proving Ground SQL console");
		long deadline = System.nanoTime() + CROWDED_WAIT.toNanos();
		for (int attempt = 1;; attempt++) {
			try {
				return Optional.of(DriverManager.getConnection(stack.get().database().jdbcUrl(), properties));
			}
			catch (SQLException ex) {
				// An app that opens a connection per query fills even the kept slots for a moment with backends that
				// are still authenticating; the moment passes.
				if (!TOO_MANY_CONNECTIONS.equals(ex.getSQLState()) || System.nanoTime() > deadline) {
					throw ex;
				}
				try {
					Thread.sleep(Math.min(100L * attempt, 500L));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** PostgreSQL's SQLSTATE for a server or role out of connection slots. */
	private static final String TOO_MANY_CONNECTIONS = "53300";

	/** How long the console keeps trying a database whose connection slots are all taken. */
	private static final java.time.Duration CROWDED_WAIT = java.time.Duration.ofSeconds(5);

}
