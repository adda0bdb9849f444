package dev.provingground.milestones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a milestone's document checks over a learner's workspace folder. Each check gives a verdict that says what was
 * found and, when it fails, the next hint: the first after the first failure, then the next, staying on the last.
 */
public final class MilestoneChecks {

	private static final Pattern NUMBER = Pattern.compile("\\d");

	private MilestoneChecks() {
	}

	/**
	 * @param failuresSoFar how often each check failed before, by check id, which picks the next hint
	 * @return one verdict per check of the milestone, in the manifest's order
	 */
	public static List<DocumentVerdict> run(Project project, String milestoneId, Path workspace,
			Map<String, Integer> failuresSoFar) {
		return project.milestone(milestoneId)
			.checks()
			.stream()
			.map(check -> verdict(check, problem(project, check, workspace),
					failuresSoFar.getOrDefault(check.id(), 0)))
			.toList();
	}

	private static DocumentVerdict verdict(DocumentCheck check, String problem, int failuresSoFar) {
		if (problem == null) {
			return new DocumentVerdict(check.id(), check.title(), check.kind(), true, "Passed: " + check.title(), null);
		}
		String hint = check.hints().get(Math.min(Math.max(failuresSoFar, 0), check.hints().size() - 1));
		return new DocumentVerdict(check.id(), check.title(), check.kind(), false, problem, hint);
	}

	/** What is wrong, in a sentence that names the file, the section and the element; null when the check passes. */
	private static String problem(Project project, DocumentCheck check, Path workspace) {
		if (check instanceof DocumentCheck.Sections sections) {
			return sections(project, sections, workspace);
		}
		if (check instanceof DocumentCheck.NoPlaceholders noPlaceholders) {
			return noPlaceholders(project, noPlaceholders, workspace);
		}
		if (check instanceof DocumentCheck.Items items) {
			return items(project, items, workspace);
		}
		if (check instanceof DocumentCheck.Table table) {
			return table(project, table, workspace);
		}
		if (check instanceof DocumentCheck.AdrFiles adrs) {
			return adrFiles(project, adrs, workspace);
		}
		return matches(project, (DocumentCheck.Matches) check, workspace);
	}

	private static String sections(Project project, DocumentCheck.Sections check, Path workspace) {
		Optional<MarkdownFile> file = file(project, workspace, check.file());
		if (file.isEmpty()) {
			return missingFile(check.file());
		}
		return headingsFilled(file.get(), check.file(), check.sections(), check.inOrder());
	}

	private static String headingsFilled(MarkdownFile file, String fileName, List<String> headings, boolean inOrder) {
		int previous = -1;
		String previousName = null;
		for (String name : headings) {
			Optional<MarkdownFile.Section> section = file.section(name);
			if (section.isEmpty()) {
				return fileName + ": the section '" + name + "' is missing";
			}
			if (file.ownLines(section.get()).isEmpty()) {
				return fileName + ": the section '" + name + "' has no text of your own yet";
			}
			int at = file.headingIndex(section.get());
			if (inOrder && at < previous) {
				return fileName + ": the section '" + name + "' comes before '" + previousName + "'; it must come after";
			}
			previous = at;
			previousName = name;
		}
		return null;
	}

	private static String noPlaceholders(Project project, DocumentCheck.NoPlaceholders check, Path workspace) {
		List<String> found = new ArrayList<>();
		for (String fileName : check.files()) {
			Optional<MarkdownFile> file = file(project, workspace, fileName);
			if (file.isEmpty()) {
				return missingFile(fileName);
			}
			List<MarkdownFile.Section> sections = new ArrayList<>();
			if (check.sections().isEmpty()) {
				sections.add(file.get().whole());
			}
			for (String name : check.sections()) {
				file.get().section(name).ifPresent(sections::add);
			}
			for (MarkdownFile.Section section : sections) {
				file.get().leftovers(section).forEach(line -> found.add(fileName + ": '" + line + "'"));
			}
		}
		if (found.isEmpty()) {
			return null;
		}
		return found.size() + " placeholder(s) or template prompt(s) left as they were, such as " + found.get(0);
	}

	private static String items(Project project, DocumentCheck.Items check, Path workspace) {
		Optional<MarkdownFile> file = file(project, workspace, check.file());
		if (file.isEmpty()) {
			return missingFile(check.file());
		}
		Optional<MarkdownFile.Section> section = file.get().section(check.section());
		if (section.isEmpty()) {
			return check.file() + ": the section '" + check.section() + "' is missing";
		}
		for (String label : check.items()) {
			Optional<String> value = file.get().item(section.get(), label);
			String where = check.file() + ", " + check.section() + ": '" + label + "'";
			if (value.isEmpty()) {
				return where + " is missing; write it as a list item, '- " + label + ": ...'";
			}
			if (value.get().isBlank()) {
				return where + " is empty";
			}
			if (MarkdownFile.isPlaceholder(value.get())) {
				return where + " is a placeholder ('" + value.get() + "')";
			}
			int words = value.get().split("\\s+").length;
			if (words < check.minWords()) {
				return where + " has " + words + " word(s); it needs at least " + check.minWords()
						+ " to make its case";
			}
			if (check.numbers() && !NUMBER.matcher(value.get()).find()) {
				return where + " has no number; give an estimate, such as 2,000 per second";
			}
		}
		return null;
	}

	private static String table(Project project, DocumentCheck.Table check, Path workspace) {
		Optional<MarkdownFile> file = file(project, workspace, check.file());
		if (file.isEmpty()) {
			return missingFile(check.file());
		}
		String where = check.file() + ", " + check.section();
		Optional<MarkdownFile.Section> section = file.get().section(check.section());
		if (section.isEmpty()) {
			return check.file() + ": the section '" + check.section() + "' is missing";
		}
		Optional<List<List<String>>> table = file.get().table(section.get());
		if (table.isEmpty()) {
			return where + ": there is no table";
		}
		List<String> header = table.get().get(0);
		List<List<String>> rows = table.get().subList(1, table.get().size());
		for (String column : check.columns()) {
			int index = column(header, column);
			if (index < 0) {
				return where + ": the table has no '" + column + "' column";
			}
			for (int row = 0; row < rows.size(); row++) {
				String cell = index < rows.get(row).size() ? rows.get(row).get(index) : "";
				String what = where + ": row " + (row + 1) + " ('" + rows.get(row).get(0) + "')";
				if (cell.isBlank()) {
					return what + " has no '" + column + "'";
				}
				if (MarkdownFile.isPlaceholder(cell)) {
					return what + " has a placeholder as its '" + column + "' ('" + cell + "')";
				}
				if (check.numericColumns().contains(column) && !NUMBER.matcher(cell).find()) {
					return what + " has no number in '" + column + "' ('" + cell + "')";
				}
			}
		}
		if (rows.size() < check.minRows()) {
			return where + ": the table has " + rows.size() + " row(s) of your own; it needs at least "
					+ check.minRows();
		}
		return null;
	}

	private static int column(List<String> header, String column) {
		for (int i = 0; i < header.size(); i++) {
			if (header.get(i).toLowerCase(Locale.ROOT).startsWith(column.toLowerCase(Locale.ROOT))) {
				return i;
			}
		}
		return -1;
	}

	private static String adrFiles(Project project, DocumentCheck.AdrFiles check, Path workspace) {
		Path folder = workspace.resolve(check.folder());
		List<Path> adrs = markdownFiles(folder).stream()
			.filter(path -> !path.getFileName().toString().equals(check.template()))
			.toList();
		Path template = project.starterDirectory().resolve(check.folder()).resolve(check.template());
		int complete = 0;
		String firstProblem = null;
		for (Path adr : adrs) {
			String name = check.folder() + "/" + adr.getFileName();
			String problem = headingsFilled(MarkdownFile.read(adr, template).orElseThrow(), name, check.headings(),
					false);
			if (problem == null) {
				complete++;
			}
			else if (firstProblem == null) {
				firstProblem = problem;
			}
		}
		if (complete >= check.min() && firstProblem == null) {
			return null;
		}
		String count = check.folder() + "/ holds " + complete + " complete ADR(s) (" + String.join(", ", check.headings())
				+ " filled); at least " + check.min() + " are needed";
		return firstProblem == null ? count : count + ". " + firstProblem;
	}

	private static List<Path> markdownFiles(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder, ex);
		}
	}

	private static String matches(Project project, DocumentCheck.Matches check, Path workspace) {
		Optional<MarkdownFile> file = file(project, workspace, check.file());
		if (file.isEmpty()) {
			return missingFile(check.file());
		}
		Optional<MarkdownFile.Section> section = check.section() == null ? Optional.of(file.get().whole())
				: file.get().section(check.section());
		String where = check.section() == null ? check.file() : check.file() + ", " + check.section();
		if (section.isEmpty()) {
			return check.file() + ": the section '" + check.section() + "' is missing";
		}
		boolean found = file.get().ownLines(section.get()).stream().anyMatch(line -> check.pattern().matcher(line).find());
		return found ? null : where + ": found no " + check.lookingFor();
	}

	private static Optional<MarkdownFile> file(Project project, Path workspace, String fileName) {
		return MarkdownFile.read(workspace.resolve(fileName), project.starterDirectory().resolve(fileName));
	}

	private static String missingFile(String fileName) {
		return "the workspace has no " + fileName + "; start from the starter's copy";
	}

}
