package dev.provingground.checks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.CheckSpec;
import dev.provingground.load.StackData;
import dev.provingground.provisioning.Stack;

/**
 * SQL checks on the stack's database, in a read-only transaction: a plan assertion on {@code EXPLAIN}, or a value
 * the query's first column must stay within.
 */
final class SqlChecks {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SqlChecks() {
	}

	static CheckVerdict run(CheckSpec.SqlCheck check, Stack stack, int failuresSoFar) {
		try (Connection connection = StackData.connect(stack)) {
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			try {
				return check.explains() ? plan(check, connection, failuresSoFar) : value(check, connection, failuresSoFar);
			}
			finally {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			return Verdicts.failed(check, "The query failed on your database: " + ex.getMessage(), failuresSoFar);
		}
	}

	private static CheckVerdict plan(CheckSpec.SqlCheck check, Connection connection, int failuresSoFar)
			throws SQLException {
		JsonNode plan;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("EXPLAIN (FORMAT JSON) " + check.query())) {
			result.next();
			plan = JSON.readTree(result.getString(1)).get(0).get("Plan");
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("PostgreSQL returned a plan that is not JSON", ex);
		}
		List<JsonNode> nodes = new ArrayList<>();
		collect(plan, nodes);
		List<Measurement> measurements = new ArrayList<>();
		if (check.noSeqScanOn() != null) {
			long seqScans = nodes.stream().filter(node -> scans(node, "Seq Scan", check.noSeqScanOn())).count();
			measurements.add(new Measurement("seq_scans_on_" + check.noSeqScanOn(), seqScans, "0", seqScans == 0));
		}
		if (check.usesIndexOn() != null) {
			long indexScans = nodes.stream()
				.filter(node -> scans(node, "Index Scan", check.usesIndexOn())
						|| scans(node, "Index Only Scan", check.usesIndexOn())
						|| scans(node, "Bitmap Heap Scan", check.usesIndexOn()))
				.count();
			measurements.add(new Measurement("index_scans_on_" + check.usesIndexOn(), indexScans, "at least 1",
					indexScans > 0));
		}
		String plannedAs = "The plan is: " + describe(plan);
		CheckVerdict verdict = Verdicts.of(check, measurements, null, failuresSoFar);
		return new CheckVerdict(verdict.checkId(), verdict.title(), verdict.kind(), verdict.passed(),
				verdict.measurements(), verdict.message() + ". " + plannedAs, verdict.hint());
	}

	private static CheckVerdict value(CheckSpec.SqlCheck check, Connection connection, int failuresSoFar)
			throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(check.query())) {
			if (!result.next()) {
				return Verdicts.failed(check, "The query returned no row", failuresSoFar);
			}
			double value = result.getDouble(1);
			if (result.wasNull()) {
				return Verdicts.failed(check, "The query returned NULL", failuresSoFar);
			}
			return Verdicts.of(check, List.of(Verdicts.measure("value", value, check.value())), null, failuresSoFar);
		}
	}

	private static boolean scans(JsonNode node, String nodeType, String table) {
		return nodeType.equals(node.path("Node Type").asText()) && table.equals(node.path("Relation Name").asText());
	}

	private static void collect(JsonNode node, List<JsonNode> nodes) {
		nodes.add(node);
		node.path("Plans").forEach(child -> collect(child, nodes));
	}

	/** The plan in one line, such as "Index Scan using items_sku_idx on items". */
	private static String describe(JsonNode node) {
		StringBuilder text = new StringBuilder(node.path("Node Type").asText());
		if (node.has("Index Name")) {
			text.append(" using ").append(node.get("Index Name").asText());
		}
		if (node.has("Relation Name")) {
			text.append(" on ").append(node.get("Relation Name").asText());
		}
		List<String> children = new ArrayList<>();
		node.path("Plans").forEach(child -> children.add(describe(child)));
		if (!children.isEmpty()) {
			text.append(" (").append(String.join(", ", children)).append(")");
		}
		return text.toString();
	}

}
