package dev.provingground.milestones;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A check of a learner's Markdown documents, parameterised by the project manifest. Files are relative to the
 * workspace; sections are named by the start of their heading, so {@code Consistency} finds
 * {@code ## Consistency (per data path)}. Only the learner's own text counts: lines left as the starter has them, and
 * lines with placeholders (TBD, lorem, {@code <angle brackets>}), are not an answer.
 */
public sealed interface DocumentCheck {

	String id();

	String title();

	/** Progressive hints, gentle first; the last names the concept. */
	List<String> hints();

	/** The kind's name in {@code project.yaml}. */
	String kind();

	/** Each section is present and holds text of the learner's own; with {@code inOrder}, in the order listed. */
	record Sections(String id, String title, List<String> hints, String file, List<String> sections, boolean inOrder)
			implements DocumentCheck {

		public String kind() {
			return "sections";
		}

	}

	/** The files (or, for one file, the listed sections of it) hold no placeholders and no prompt left as it was. */
	record NoPlaceholders(String id, String title, List<String> hints, List<String> files, List<String> sections)
			implements DocumentCheck {

		public String kind() {
			return "no-placeholders";
		}

	}

	/**
	 * Each labelled list item of a section ({@code - Partition key: ...}) is answered after its colon with at least
	 * {@code minWords} words, and with a number when {@code numbers} is set.
	 */
	record Items(String id, String title, List<String> hints, String file, String section, List<String> items,
			int minWords, boolean numbers) implements DocumentCheck {

		public String kind() {
			return "items";
		}

	}

	/**
	 * The section's table has at least {@code minRows} rows of the learner's own, each with the required columns
	 * filled, and a number in each of the numeric columns.
	 */
	record Table(String id, String title, List<String> hints, String file, String section, int minRows,
			List<String> columns, List<String> numericColumns) implements DocumentCheck {

		public String kind() {
			return "table";
		}

	}

	/**
	 * The folder holds at least {@code min} ADRs (Markdown files other than the template), each with the headings
	 * filled.
	 */
	record AdrFiles(String id, String title, List<String> hints, String folder, String template, int min,
			List<String> headings) implements DocumentCheck {

		public String kind() {
			return "adr-files";
		}

	}

	/**
	 * The learner's own text in the file (or its section) matches the pattern, case-insensitively.
	 *
	 * @param lookingFor what the pattern stands for, in words, for the message: "a cost in $/month"
	 */
	record Matches(String id, String title, List<String> hints, String file, String section, Pattern pattern,
			String lookingFor) implements DocumentCheck {

		public String kind() {
			return "pattern";
		}

	}

}
