package dev.provingground.review;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.platform.YamlFields;

/** Reads and validates one rubric file, collecting every problem as {@code file: field: message}. */
final class RubricReader {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private final String file;

	private final List<String> problems = new ArrayList<>();

	private final YamlFields fields = new YamlFields(this::problem);

	private RubricReader(String file) {
		this.file = file;
	}

	/** @throws InvalidRubricException naming every problem */
	static Rubric read(Path path) {
		var reader = new RubricReader(path.getFileName().toString());
		Rubric rubric = reader.read(path, path.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
		if (!reader.problems.isEmpty()) {
			throw new InvalidRubricException(reader.file, reader.problems);
		}
		return rubric;
	}

	private Rubric read(Path path, String expectedId) {
		JsonNode root;
		try {
			root = YAML.readTree(path.toFile());
		}
		catch (JsonProcessingException ex) {
			problem("", "is not valid YAML" + (ex.getLocation() == null ? ""
					: " (line " + ex.getLocation().getLineNr() + ")") + ": " + ex.getOriginalMessage());
			return null;
		}
		catch (IOException ex) {
			problem("", "cannot be read: " + ex.getMessage());
			return null;
		}
		if (root == null || !root.isObject()) {
			problem("", "must be a mapping of fields such as id, title and criteria");
			return null;
		}
		fields.allowOnly(root, "", "id", "title", "pass_threshold", "criteria");
		String id = fields.text(root, "", "id", true);
		if (id != null && (!ID.matcher(id).matches() || !id.equals(expectedId))) {
			problem("id", "must be lowercase letters, digits and dashes, and match the file name '" + expectedId
					+ "', not '" + id + "'");
		}
		String title = fields.text(root, "", "title", true);
		Double passThreshold = fields.number(root, "", "pass_threshold", true, 0.01, 1);
		List<Rubric.Criterion> criteria = new ArrayList<>();
		JsonNode criteriaNode = root.get("criteria");
		if (criteriaNode == null || !criteriaNode.isArray() || criteriaNode.isEmpty()) {
			problem("criteria", "must list at least one criterion");
		}
		else {
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < criteriaNode.size(); i++) {
				Rubric.Criterion criterion = criterion(criteriaNode.get(i), "criteria[" + i + "]");
				if (criterion != null && !ids.add(criterion.id())) {
					problem("criteria[" + i + "].id", "'" + criterion.id() + "' is used by another criterion");
				}
				else if (criterion != null) {
					criteria.add(criterion);
				}
			}
			double weights = criteria.stream().mapToDouble(Rubric.Criterion::weight).sum();
			if (criteria.size() == criteriaNode.size() && Math.abs(weights - 1) > 0.001) {
				problem("criteria", "weights add up to " + YamlFields.format(Math.round(weights * 1000) / 1000.0)
						+ "; they must add up to 1");
			}
		}
		return problems.isEmpty() ? new Rubric(id, title, passThreshold, criteria) : null;
	}

	private Rubric.Criterion criterion(JsonNode node, String path) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "id", "title", "weight", "levels");
		String id = fields.text(node, path, "id", true);
		String title = fields.text(node, path, "title", true);
		Double weight = fields.number(node, path, "weight", true, 0.001, 1);
		List<Rubric.Level> levels = new ArrayList<>();
		JsonNode levelsNode = node.get("levels");
		if (levelsNode == null || !levelsNode.isArray() || levelsNode.size() < 2) {
			problem(path + ".levels", "must list at least two levels");
		}
		else {
			Set<Integer> points = new HashSet<>();
			for (int i = 0; i < levelsNode.size(); i++) {
				String levelPath = path + ".levels[" + i + "]";
				JsonNode level = levelsNode.get(i);
				if (!fields.requireObject(level, levelPath)) {
					continue;
				}
				fields.allowOnly(level, levelPath, "points", "title", "descriptor");
				Integer value = fields.integer(level, levelPath, "points", true, 0, 100);
				String levelTitle = fields.text(level, levelPath, "title", true);
				String descriptor = fields.text(level, levelPath, "descriptor", true);
				if (value != null && !points.add(value)) {
					problem(levelPath + ".points", value + " is used by another level");
				}
				else if (value != null && levelTitle != null && descriptor != null) {
					levels.add(new Rubric.Level(value, levelTitle, descriptor));
				}
			}
			if (!levels.isEmpty() && levels.stream().mapToInt(Rubric.Level::points).max().orElse(0) == 0) {
				problem(path + ".levels", "need a level with more than 0 points");
			}
		}
		if (id == null || title == null || weight == null) {
			return null;
		}
		return new Rubric.Criterion(id, title, weight, levels);
	}

	private void problem(String field, String message) {
		problems.add(file + (field.isEmpty() ? "" : ": " + field) + ": " + message);
	}

}
