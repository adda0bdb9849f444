package dev.provingground.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the columns a truth query returns, read from its SELECT list when the package loads, so that a
 * contract that leaves one out is refused before any stack runs. A column is named by its {@code AS} alias or, for a
 * plain column reference, by the column itself; an expression without an alias has no name the answer could carry.
 */
final class TruthColumns {

	record Columns(List<String> names, List<String> problems) {
	}

	private static final Pattern ALIAS = Pattern.compile("(?is).*\\s+as\\s+\"?([A-Za-z_][A-Za-z0-9_]*)\"?");

	private static final Pattern COLUMN = Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_]*\\.)?([A-Za-z_][A-Za-z0-9_]*)");

	private TruthColumns() {
	}

	static Columns of(String sql) {
		List<String> items = selectList(sql);
		if (items == null) {
			return new Columns(List.of(), List.of("must be a SELECT ... FROM query whose columns can be named"));
		}
		List<String> names = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (String listed : items) {
			String item = listed.strip();
			Matcher alias = ALIAS.matcher(item);
			Matcher column = COLUMN.matcher(item);
			if (item.endsWith("*")) {
				problems.add("must name its columns instead of '" + item + "'");
			}
			else if (alias.matches()) {
				names.add(alias.group(1));
			}
			else if (column.matches()) {
				names.add(column.group(1));
			}
			else {
				problems.add("names no column for '" + item + "'; give it one with AS");
			}
		}
		return new Columns(names, problems);
	}

	/** The top-level items between the first SELECT and its FROM, or null when there are none. */
	private static List<String> selectList(String sql) {
		String lower = sql.toLowerCase(Locale.ROOT);
		int depth = 0;
		boolean quoted = false;
		int start = -1;
		List<String> items = new ArrayList<>();
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			if (quoted) {
				continue;
			}
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (depth == 0 && start < 0 && keywordAt(lower, i, "select")) {
				start = i + "select".length();
				i = start - 1;
			}
			else if (depth == 0 && start >= 0 && c == ',') {
				items.add(sql.substring(start, i));
				start = i + 1;
			}
			else if (depth == 0 && start >= 0 && keywordAt(lower, i, "from")) {
				items.add(sql.substring(start, i));
				return items.stream().anyMatch(String::isBlank) ? null : items;
			}
		}
		return null;
	}

	private static boolean keywordAt(String lower, int at, String keyword) {
		if (!lower.startsWith(keyword, at)) {
			return false;
		}
		boolean startsWord = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1)) && lower.charAt(at - 1) != '_';
		int end = at + keyword.length();
		boolean endsWord = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)) && lower.charAt(end) != '_';
		return startsWord && endsWord;
	}

}
