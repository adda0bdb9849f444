package dev.provingground.milestones;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.platform.YamlFields;

/**
 * Reads one package's {@code project.yaml} and checks it against the package's files. It collects every problem
 * before it gives up, so an author fixes them all in one go. {@code docs/project-format.md} describes the format.
 */
final class ProjectReader {

	static final String MANIFEST = "project.yaml";

	private static final List<String> KINDS = List.of("sections", "no-placeholders", "items", "table", "adr-files",
			"pattern");

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final Path packageDir;

	private final List<String> problems = new ArrayList<>();

	private final YamlFields fields = new YamlFields(this::problem);

	private final Set<String> checkIds = new HashSet<>();

	private String starter;

	private ProjectReader(Path packageDir) {
		this.packageDir = packageDir.toAbsolutePath().normalize();
	}

	static Project read(Path packageDir) {
		return new ProjectReader(packageDir).read();
	}

	private Project read() {
		String packageName = packageDir.getFileName().toString();
		Path manifest = packageDir.resolve(MANIFEST);
		JsonNode root;
		try {
			root = Files.isRegularFile(manifest) ? YAML.readTree(manifest.toFile()) : null;
		}
		catch (JsonProcessingException ex) {
			String where = ex.getLocation() == null ? ""
					: " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
			throw new InvalidProjectException(packageName,
					List.of(MANIFEST + ": is not valid YAML" + where + ": " + ex.getOriginalMessage()));
		}
		catch (IOException ex) {
			throw new InvalidProjectException(packageName, List.of(MANIFEST + ": cannot be read: " + ex.getMessage()));
		}
		if (root == null || !root.isObject()) {
			throw new InvalidProjectException(packageName,
					List.of(MANIFEST + ": is missing or not a mapping of fields such as id, title and milestones"));
		}
		Project project = project(root);
		if (!problems.isEmpty()) {
			throw new InvalidProjectException(packageName, problems);
		}
		return project;
	}

	private Project project(JsonNode root) {
		fields.allowOnly(root, "", "id", "title", "summary", "skill", "rubric", "starter", "solution", "milestones",
				"for_tests");
		String id = fields.packageId(root, packageDir);
		String title = fields.text(root, "", "title", true);
		String summary = fields.text(root, "", "summary", false);
		String skill = fields.skill(root);
		String rubric = fields.text(root, "", "rubric", true);
		starter = fields.text(root, "", "starter", true);
		if (starter != null && !fields.requireDirectory(packageDir, "starter", starter)) {
			starter = null;
		}
		String solution = fields.text(root, "", "solution", true);
		if (solution != null) {
			fields.requireDirectory(packageDir, "solution", solution);
		}
		List<Milestone> milestones = new ArrayList<>();
		JsonNode milestonesNode = root.get("milestones");
		if (milestonesNode == null || !milestonesNode.isArray() || milestonesNode.isEmpty()) {
			problem("milestones", "must list at least one milestone");
		}
		else {
			Set<String> milestoneIds = new HashSet<>();
			for (int i = 0; i < milestonesNode.size(); i++) {
				Milestone milestone = milestone(milestonesNode.get(i), "milestones[" + i + "]");
				if (milestone != null && !milestoneIds.add(milestone.id())) {
					problem("milestones[" + i + "].id", "'" + milestone.id() + "' is used by another milestone");
				}
				if (milestone != null) {
					milestones.add(milestone);
				}
			}
		}
		boolean forTests = fields.bool(root, "", "for_tests", false);
		if (!problems.isEmpty()) {
			return null;
		}
		return new Project(id, title, summary == null ? "" : summary, skill, rubric, packageDir, starter, solution,
				milestones, forTests);
	}

	private Milestone milestone(JsonNode node, String path) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "id", "title", "why", "steps", "checks");
		String id = fields.id(node, path, "id", true);
		String title = fields.text(node, path, "title", true);
		String why = fields.text(node, path, "why", true);
		List<String> steps = fields.texts(node, path, "steps", true);
		List<DocumentCheck> checks = new ArrayList<>();
		JsonNode checksNode = node.get("checks");
		if (checksNode == null || !checksNode.isArray() || checksNode.isEmpty()) {
			problem(path + ".checks", "must list at least one check");
		}
		else {
			for (int i = 0; i < checksNode.size(); i++) {
				DocumentCheck check = check(checksNode.get(i), path + ".checks[" + i + "]");
				if (check != null) {
					checks.add(check);
				}
			}
		}
		return id == null || title == null || why == null ? null : new Milestone(id, title, why, steps, checks);
	}

	private DocumentCheck check(JsonNode node, String path) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		String id = fields.text(node, path, "id", true);
		if (id != null && !checkIds.add(id)) {
			problem(path + ".id", "'" + id + "' is used by another check; ids must be unique in the project");
		}
		String kind = fields.text(node, path, "kind", true);
		String title = fields.text(node, path, "title", true);
		List<String> hints = fields.texts(node, path, "hints", true);
		if (kind == null) {
			return null;
		}
		switch (kind) {
			case "sections" -> {
				fields.allowOnly(node, path, "id", "kind", "title", "hints", "file", "sections", "in_order");
				return new DocumentCheck.Sections(id, title, hints, starterFile(node, path, "file"),
						fields.texts(node, path, "sections", true), flag(node, path, "in_order"));
			}
			case "no-placeholders" -> {
				fields.allowOnly(node, path, "id", "kind", "title", "hints", "files", "sections");
				List<String> files = fields.texts(node, path, "files", true);
				files.forEach(file -> requireStarterFile(path + ".files", file));
				List<String> sections = fields.texts(node, path, "sections", false);
				if (!sections.isEmpty() && files.size() != 1) {
					problem(path + ".sections", "can only be given with exactly one file");
				}
				return new DocumentCheck.NoPlaceholders(id, title, hints, files, sections);
			}
			case "items" -> {
				fields.allowOnly(node, path, "id", "kind", "title", "hints", "file", "section", "items", "min_words",
						"numbers");
				Integer minWords = fields.integer(node, path, "min_words", false, 1, 200);
				return new DocumentCheck.Items(id, title, hints, starterFile(node, path, "file"),
						fields.text(node, path, "section", true), fields.texts(node, path, "items", true),
						minWords == null ? 1 : minWords, flag(node, path, "numbers"));
			}
			case "table" -> {
				fields.allowOnly(node, path, "id", "kind", "title", "hints", "file", "section", "min_rows", "columns",
						"numeric_columns");
				Integer minRows = fields.integer(node, path, "min_rows", true, 1, 100);
				List<String> columns = fields.texts(node, path, "columns", true);
				List<String> numeric = fields.texts(node, path, "numeric_columns", false);
				numeric.stream()
					.filter(column -> !columns.contains(column))
					.forEach(column -> problem(path + ".numeric_columns",
							"'" + column + "' is not one of the columns " + columns));
				return new DocumentCheck.Table(id, title, hints, starterFile(node, path, "file"),
						fields.text(node, path, "section", true), minRows == null ? 1 : minRows, columns, numeric);
			}
			case "adr-files" -> {
				fields.allowOnly(node, path, "id", "kind", "title", "hints", "folder", "template", "min", "headings");
				String folder = fields.text(node, path, "folder", true);
				String template = fields.text(node, path, "template", true);
				if (folder != null && template != null) {
					requireStarterFile(path + ".template", folder + "/" + template);
				}
				Integer min = fields.integer(node, path, "min", true, 1, 100);
				return new DocumentCheck.AdrFiles(id, title, hints, folder, template, min == null ? 1 : min,
						fields.texts(node, path, "headings", true));
			}
			case "pattern" -> {
				fields.allowOnly(node, path, "id", "kind", "title", "hints", "file", "section", "regex", "looking_for");
				String regex = fields.text(node, path, "regex", true);
				Pattern pattern = null;
				try {
					pattern = regex == null ? null : Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
				}
				catch (PatternSyntaxException ex) {
					problem(path + ".regex", "is not a valid regular expression: " + ex.getDescription());
				}
				return new DocumentCheck.Matches(id, title, hints, starterFile(node, path, "file"),
						fields.text(node, path, "section", false), pattern, fields.text(node, path, "looking_for", true));
			}
			default -> {
				problem(path + ".kind", "'" + kind + "' is not a check kind; use one of " + KINDS);
				return null;
			}
		}
	}

	/** A file the check reads; the starter must have it, so the learner starts from its template. */
	private String starterFile(JsonNode node, String path, String name) {
		String file = fields.text(node, path, name, true);
		if (file != null) {
			requireStarterFile(YamlFields.join(path, name), file);
		}
		return file;
	}

	private void requireStarterFile(String field, String file) {
		if (starter == null) {
			return;
		}
		Path resolved = packageDir.resolve(starter).resolve(file).normalize();
		if (!resolved.startsWith(packageDir) || !Files.isRegularFile(resolved)) {
			problem(field, "file '" + file + "' does not exist in the starter folder '" + starter + "'");
		}
	}

	private boolean flag(JsonNode node, String path, String name) {
		JsonNode value = node.get(name);
		if (value != null && !value.isBoolean()) {
			problem(YamlFields.join(path, name), "must be true or false, not '" + value.asText() + "'");
			return false;
		}
		return value != null && value.asBoolean();
	}

	private void problem(String field, String message) {
		problems.add(MANIFEST + ": " + (field.isEmpty() ? "" : field + ": ") + message);
	}

}
