package dev.provingground.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads fields of a YAML (or JSON) document that users write, such as scenario manifests and rubrics. Each reader
 * reports a problem ({@code field path, message}) and returns null (or an empty list) when a field is unusable, so
 * that a whole document is checked in one pass and its author sees every problem at once.
 */
public final class YamlFields {

	private final BiConsumer<String, String> problems;

	/** @param problems receives the dotted path of each bad field and what is wrong with it */
	public YamlFields(BiConsumer<String, String> problems) {
		this.problems = problems;
	}

	private void problem(String field, String message) {
		problems.accept(field, message);
	}


	/** A package's or an item's id: lowercase letters, digits and dashes. */
	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern SKILL = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");

	/** An id: a text of lowercase letters, digits and dashes. */
	public String id(JsonNode node, String path, String name, boolean required) {
		String id = text(node, path, name, required);
		if (id != null && !ID.matcher(id).matches()) {
			problem(join(path, name), "must be lowercase letters, digits and dashes, not '" + id + "'");
			return null;
		}
		return id;
	}

	/** A content package's own id, which must also be the name of its folder. */
	public String packageId(JsonNode root, Path packageDir) {
		String id = id(root, "", "id", true);
		if (id != null && !id.equals(packageDir.getFileName().toString())) {
			problem("id", "is '" + id + "' but the folder is '" + packageDir.getFileName() + "'; they must match");
		}
		return id;
	}

	/** The skill a package verifies, such as {@code system-design}. */
	public String skill(JsonNode root) {
		String skill = text(root, "", "skill", true);
		if (skill != null && !SKILL.matcher(skill).matches()) {
			problem("skill", "must be 2–64 lowercase letters, digits and dashes, such as system-design, not '" + skill + "'");
		}
		return skill;
	}

	/** A path the manifest names inside its package, or null (and a problem) when it points outside. */
	public Path insidePackage(Path packageDir, String field, String relative) {
		Path resolved = packageDir.resolve(relative).normalize();
		if (!resolved.startsWith(packageDir.normalize())) {
			problem(field, "'" + relative + "' points outside the package");
			return null;
		}
		return resolved;
	}

	/** Whether a folder the manifest names is there, inside its package. */
	public boolean requireDirectory(Path packageDir, String field, String relative) {
		Path dir = insidePackage(packageDir, field, relative);
		if (dir != null && !Files.isDirectory(dir)) {
			problem(field, "folder '" + relative + "' does not exist in the package");
			return false;
		}
		return dir != null;
	}

	public String text(JsonNode node, String path, String name, boolean required) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				problem(join(path, name), "is missing");
			}
			return null;
		}
		if (!value.isValueNode() || value.asText().isBlank()) {
			problem(join(path, name), "must be a non-empty text");
			return null;
		}
		return value.asText().strip();
	}

	public List<String> texts(JsonNode node, String path, String name, boolean required) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				problem(join(path, name), "is missing");
			}
			return List.of();
		}
		if (!value.isArray() || value.isEmpty()) {
			problem(join(path, name), "must be a non-empty list");
			return List.of();
		}
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			if (!value.get(i).isValueNode() || value.get(i).asText().isBlank()) {
				problem(join(path, name) + "[" + i + "]", "must be a non-empty text");
			}
			else {
				texts.add(value.get(i).asText().strip());
			}
		}
		return texts;
	}

	/** A true or false; {@code absent} when the field is missing. */
	public boolean bool(JsonNode node, String path, String name, boolean absent) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return absent;
		}
		if (!value.isBoolean()) {
			problem(join(path, name), "must be true or false, not '" + value.asText() + "'");
			return absent;
		}
		return value.booleanValue();
	}

	public Integer integer(JsonNode node, String path, String name, boolean required, int min, int max) {
		Double value = number(node, path, name, required, min, max);
		if (value != null && value != Math.rint(value)) {
			problem(join(path, name), "must be a whole number, not " + value);
			return null;
		}
		return value == null ? null : value.intValue();
	}

	public Double number(JsonNode node, String path, String name, boolean required, double min, double max) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				problem(join(path, name), "is missing");
			}
			return null;
		}
		if (!value.isNumber()) {
			problem(join(path, name), "must be a number, not '" + value.asText() + "'");
			return null;
		}
		if (value.asDouble() < min || value.asDouble() > max) {
			problem(join(path, name), "must be between " + format(min) + " and " + format(max)
					+ ", not " + value.asText());
			return null;
		}
		return value.asDouble();
	}

	public Duration duration(JsonNode node, String path, String name, boolean required) {
		String value = text(node, path, name, required);
		if (value == null) {
			return null;
		}
		try {
			return DurationStyle.SIMPLE.parse(value);
		}
		catch (IllegalArgumentException ex) {
			problem(join(path, name), "must be a duration such as 500ms, 10s or 2m, not '" + value + "'");
			return null;
		}
	}

	public <E extends Enum<E>> E choice(JsonNode node, String path, String name, Class<E> type) {
		String value = text(node, path, name, true);
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problem(join(path, name), "must be one of "
					+ java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()
					+ ", not '" + value + "'");
			return null;
		}
	}

	public boolean requireObject(JsonNode node, String path) {
		if (node == null || node.isNull()) {
			problem(path, "is missing");
			return false;
		}
		if (!node.isObject()) {
			problem(path, "must be a mapping of fields");
			return false;
		}
		return true;
	}

	/** Typos such as {@code replica:} for {@code replicas:} must not pass silently. */
	public void allowOnly(JsonNode node, String path, String... names) {
		Set<String> allowed = Set.of(names);
		for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
			String field = fields.next();
			if (!allowed.contains(field)) {
				problem(join(path, field), "is not a known field here; known fields are " + sorted(allowed));
			}
		}
	}

	public static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	public static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

	/** A number as an author wrote it: 50, not 50.0. */
	public static String format(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
				: Double.toString(value);
	}

}
