package dev.provingground.milestones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A learner's Markdown file, read as lines: headings ({@code #}), tables ({@code |}) and list items ({@code -}), which
 * is all the document checks need. It knows the starter's version of the file, so it can tell the learner's own text
 * from a prompt left as it was.
 */
final class MarkdownFile {

	/** Text that stands in for an answer: TBD, TODO, lorem ipsum, ???, or a template slot such as {@code <write X>}. */
	static final Pattern PLACEHOLDER = Pattern.compile("\\b(TBD|TODO|FIXME|lorem|ipsum)\\b|\\?\\?\\?|<[A-Za-z][^>]*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-+:?");

	private static final Pattern LIST_ITEM = Pattern.compile("^\\s*[-*+]\\s+(.*)$");

	/** A part of the file: the lines under a heading, up to the next heading of the same or a higher level. */
	record Section(String name, int from, int to) {
	}

	private final String name;

	private final List<String> lines;

	private final boolean[] headingLine;

	private final boolean[] tableHeader;

	/** Every line of the starter's version except headings: none of them is an answer. */
	private final Set<String> templateLines;

	/** The starter's lines a learner must replace: the template's lines except its table headers. */
	private final Set<String> templatePrompts;

	private MarkdownFile(String name, List<String> lines, MarkdownFile template) {
		this.name = name;
		this.lines = lines;
		this.headingLine = new boolean[lines.size()];
		this.tableHeader = new boolean[lines.size()];
		boolean inFence = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith("```")) {
				inFence = !inFence;
			}
			headingLine[i] = !inFence && HEADING.matcher(line).matches();
			tableHeader[i] = isRow(line) && i + 1 < lines.size() && isSeparator(lines.get(i + 1));
		}
		this.templateLines = new HashSet<>();
		this.templatePrompts = new HashSet<>();
		if (template != null) {
			for (int i = 0; i < template.lines.size(); i++) {
				String line = template.lines.get(i);
				if (!line.isBlank() && !template.headingLine[i] && !isSeparator(line)) {
					templateLines.add(normalize(line));
					if (!template.tableHeader[i]) {
						templatePrompts.add(normalize(line));
					}
				}
			}
		}
	}

	/**
	 * @param template the starter's version of the file, or null when the starter has none
	 * @return the file, or empty when the workspace has no such file
	 */
	static Optional<MarkdownFile> read(Path file, Path template) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		MarkdownFile starter = template != null && Files.isRegularFile(template)
				? new MarkdownFile(template.getFileName().toString(), lines(template), null) : null;
		return Optional.of(new MarkdownFile(file.getFileName().toString(), lines(file), starter));
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	String name() {
		return name;
	}

	Section whole() {
		return new Section(name, 0, lines.size());
	}

	/** The first section whose heading starts with the name, ignoring case. */
	Optional<Section> section(String sectionName) {
		String wanted = sectionName.toLowerCase(Locale.ROOT);
		for (int i = 0; i < lines.size(); i++) {
			if (!headingLine[i]) {
				continue;
			}
			Matcher heading = HEADING.matcher(lines.get(i).strip());
			heading.matches();
			if (heading.group(2).toLowerCase(Locale.ROOT).startsWith(wanted)) {
				int level = heading.group(1).length();
				int end = i + 1;
				while (end < lines.size() && !(headingLine[end] && headingLevel(end) <= level)) {
					end++;
				}
				return Optional.of(new Section(sectionName, i + 1, end));
			}
		}
		return Optional.empty();
	}

	/** Where the section's heading is, to tell the order of sections. */
	int headingIndex(Section section) {
		return section.from() - 1;
	}

	private int headingLevel(int index) {
		Matcher heading = HEADING.matcher(lines.get(index).strip());
		heading.matches();
		return heading.group(1).length();
	}

	/** The learner's own lines: not blank, not a heading or table header, not the starter's, no placeholder. */
	List<String> ownLines(Section section) {
		List<String> own = new ArrayList<>();
		for (int i = section.from(); i < section.to(); i++) {
			String line = lines.get(i);
			if (!line.isBlank() && !headingLine[i] && !tableHeader[i] && !isSeparator(line)
					&& !templateLines.contains(normalize(line)) && !isPlaceholder(line)) {
				own.add(line.strip());
			}
		}
		return own;
	}

	/** Lines that hold a placeholder, or a prompt of the starter left as it was. */
	List<String> leftovers(Section section) {
		List<String> leftovers = new ArrayList<>();
		for (int i = section.from(); i < section.to(); i++) {
			String line = lines.get(i);
			if (!headingLine[i] && (isPlaceholder(line) || templatePrompts.contains(normalize(line)))) {
				leftovers.add(line.strip());
			}
		}
		return leftovers;
	}

	/** The text after the colon of the first list item that starts with the label, or empty when there is none. */
	Optional<String> item(Section section, String label) {
		String wanted = label.toLowerCase(Locale.ROOT);
		for (int i = section.from(); i < section.to(); i++) {
			Matcher item = LIST_ITEM.matcher(lines.get(i));
			if (item.matches()) {
				String text = item.group(1).replace("**", "").strip();
				if (text.toLowerCase(Locale.ROOT).startsWith(wanted)) {
					int colon = text.indexOf(':', wanted.length());
					return Optional.of((colon < 0 ? text.substring(wanted.length()) : text.substring(colon + 1)).strip());
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The first table of the section: its header cells, then each row the learner wrote (rows the starter has, and
	 * empty rows, are left out).
	 */
	Optional<List<List<String>>> table(Section section) {
		for (int i = section.from(); i < section.to(); i++) {
			if (tableHeader[i]) {
				List<List<String>> table = new ArrayList<>();
				table.add(cells(lines.get(i)));
				for (int row = i + 2; row < section.to() && isRow(lines.get(row).strip()); row++) {
					List<String> cells = cells(lines.get(row));
					if (!templateLines.contains(normalize(lines.get(row)))
							&& cells.stream().anyMatch(cell -> !cell.isBlank())) {
						table.add(cells);
					}
				}
				return Optional.of(table);
			}
		}
		return Optional.empty();
	}

	static boolean isPlaceholder(String text) {
		return PLACEHOLDER.matcher(text).find();
	}

	private static boolean isRow(String line) {
		return line.startsWith("|");
	}

	private static boolean isSeparator(String line) {
		String stripped = line.strip();
		return isRow(stripped) && cells(stripped).stream().allMatch(cell -> SEPARATOR_CELL.matcher(cell).matches());
	}

	private static List<String> cells(String row) {
		String inner = row.strip();
		inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
		List<String> cells = new ArrayList<>();
		for (String cell : inner.split("\\|", -1)) {
			cells.add(cell.strip());
		}
		return cells;
	}

	/** Lines compare without their padding, so re-aligning a template's table row does not make it an answer. */
	private static String normalize(String line) {
		String stripped = line.strip();
		return isRow(stripped) ? String.join("|", cells(stripped)) : stripped.replaceAll("\\s+", " ");
	}

}
