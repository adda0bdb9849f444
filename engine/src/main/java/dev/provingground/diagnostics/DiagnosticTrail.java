package dev.provingground.diagnostics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a learner ran to diagnose their stack, each with its time and what came of it. Passwords never reach it: a
 * password written in SQL or a command is replaced before the entry is stored.
 */
@Repository
public class DiagnosticTrail {

	/** The longest input kept of one entry; the rest is cut with a note. */
	static final int MAX_INPUT = 4_000;

	private static final Pattern PASSWORDS = Pattern.compile(
			"(?i)(password\\s*(?:=|\\s)\\s*)('[^']*'|\"[^\"]*\"|\\S+)|(PGPASSWORD=)(\\S+)|(postgres(?:ql)?://[^:/@\\s]+:)([^@\\s]+)(@)");

	/** One entry: which tool, what the learner gave it, and what came of it (rows, an error, lines shown). */
	public record Entry(Instant at, String tool, String input, String outcome) {
	}

	private final JdbcClient jdbc;

	DiagnosticTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(UUID runId, String learnerId, String tool, String input, String outcome) {
		jdbc.sql("insert into diagnostic_trail (run_id, learner_id, tool, input, outcome) values (?, ?, ?, ?, ?)")
			.params(runId, learnerId, tool, redact(input), outcome == null ? null : redact(outcome))
			.update();
	}

	/** The run's entries, oldest first. */
	public List<Entry> of(UUID runId) {
		return jdbc.sql("select at, tool, input, outcome from diagnostic_trail where run_id = ? order by id")
			.param(runId)
			.query((rs, row) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("tool"), rs.getString("input"),
					rs.getString("outcome")))
			.list();
	}

	/** The text with every password in it replaced, and cut to {@value #MAX_INPUT} characters. */
	static String redact(String text) {
		String redacted = PASSWORDS.matcher(text).replaceAll(match -> {
			if (match.group(1) != null) {
				return java.util.regex.Matcher.quoteReplacement(match.group(1) + "'***'");
			}
			if (match.group(3) != null) {
				return "PGPASSWORD=***";
			}
			return java.util.regex.Matcher.quoteReplacement(match.group(5) + "***" + match.group(7));
		});
		return redacted.length() <= MAX_INPUT ? redacted
				: redacted.substring(0, MAX_INPUT) + " … (" + (redacted.length() - MAX_INPUT) + " more characters)";
	}

}
