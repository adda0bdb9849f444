package dev.provingground.diagnostics;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plan as {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} gives it, as a tree for the page: per node its rows,
 * loops, time and buffers, its own share of the time (its total less its children's, over all loops), and a mark on
 * the node that took the most of it, so that "Seq Scan on orders, 2,000,000 rows removed by filter" shows at a glance.
 */
record QueryPlan(Node root, Double planningMs, Double executionMs) {

	/**
	 * @param selfMs the time spent in this node itself, over all its loops
	 * @param mostExpensive whether this node took the most time of the plan itself
	 */
	record Node(String type, String relation, String index, String detail, Double estimatedRows, Double rows, Double loops,
			Double totalMs, Double selfMs, Double rowsRemovedByFilter, Long sharedHitBlocks, Long sharedReadBlocks,
			boolean mostExpensive, List<Node> children) {
	}

	/** The plan in EXPLAIN's JSON output (a one-element array), or null when the JSON is no plan. */
	static QueryPlan of(JsonNode explained) {
		JsonNode top = explained.isArray() ? explained.path(0) : explained;
		if (!top.has("Plan")) {
			return null;
		}
		JsonNode plan = top.get("Plan");
		Node root = node(plan, mostExpensiveSelf(plan));
		return new QueryPlan(root, number(top, "Planning Time"), number(top, "Execution Time"));
	}

	private static Node node(JsonNode plan, JsonNode mostExpensive) {
		List<Node> children = new ArrayList<>();
		for (JsonNode child : plan.path("Plans")) {
			children.add(node(child, mostExpensive));
		}
		String detail = firstText(plan, "Filter", "Index Cond", "Hash Cond", "Join Filter", "Recheck Cond", "Sort Key");
		return new Node(plan.path("Node Type").asText(), text(plan, "Relation Name"), text(plan, "Index Name"), detail,
				number(plan, "Plan Rows"), number(plan, "Actual Rows"), number(plan, "Actual Loops"),
				totalMs(plan), plan.has("Actual Total Time") ? selfMs(plan) : null, number(plan, "Rows Removed by Filter"),
				whole(plan, "Shared Hit Blocks"), whole(plan, "Shared Read Blocks"), plan == mostExpensive, children);
	}

	/** The node's total time over all its loops: EXPLAIN gives the time per loop. */
	private static Double totalMs(JsonNode plan) {
		if (!plan.has("Actual Total Time")) {
			return null;
		}
		return plan.get("Actual Total Time").asDouble() * Math.max(1, plan.path("Actual Loops").asDouble(1));
	}

	private static double selfMs(JsonNode plan) {
		double children = 0;
		for (JsonNode child : plan.path("Plans")) {
			Double childTotal = totalMs(child);
			children += childTotal == null ? 0 : childTotal;
		}
		return Math.max(0, totalMs(plan) - children);
	}

	/** The node whose own time is the largest; null for a plan without timings (EXPLAIN without ANALYZE). */
	private static JsonNode mostExpensiveSelf(JsonNode plan) {
		if (!plan.has("Actual Total Time")) {
			return null;
		}
		JsonNode best = plan;
		for (JsonNode child : plan.path("Plans")) {
			JsonNode candidate = mostExpensiveSelf(child);
			if (candidate != null && selfMs(candidate) > selfMs(best)) {
				best = candidate;
			}
		}
		return best;
	}

	private static String firstText(JsonNode plan, String... fields) {
		for (String field : fields) {
			if (plan.has(field)) {
				return field + ": " + plan.get(field).asText();
			}
		}
		return null;
	}

	private static String text(JsonNode plan, String field) {
		return plan.has(field) ? plan.get(field).asText() : null;
	}

	private static Double number(JsonNode plan, String field) {
		return plan.has(field) ? plan.get(field).asDouble() : null;
	}

	private static Long whole(JsonNode plan, String field) {
		return plan.has(field) ? plan.get(field).asLong() : null;
	}

}
