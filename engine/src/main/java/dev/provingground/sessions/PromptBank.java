package dev.provingground.sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.platform.YamlFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The prompts of peer sessions, read from one YAML file at startup. An invalid entry is reported with every problem and
 * skipped; the valid ones still load, as scenario packages and rubrics do. A missing file leaves the bank empty, and
 * requests are then refused with the reason.
 */
@Service
public class PromptBank {

	private static final Logger log = LoggerFactory.getLogger(PromptBank.class);

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final Map<String, Prompt> prompts = new LinkedHashMap<>();

	private final List<String> problems = new ArrayList<>();

	private final Path file;

	PromptBank(SessionSettings settings) {
		this.file = settings.promptsPath();
		read();
		log.info("Peer-session prompts: {} loaded from {}, {} problem(s)", prompts.size(), file, problems.size());
		problems.forEach(problem -> log.warn("Peer-session prompts: {}", problem));
	}

	/** The bank of a file, outside an application context (tools and tests). */
	public static PromptBank of(Path file) {
		return new PromptBank(new SessionSettings(file.toString(), null, null, null, null, null, null, null, null));
	}

	public List<Prompt> prompts() {
		return List.copyOf(prompts.values());
	}

	public Optional<Prompt> find(String id) {
		return Optional.ofNullable(prompts.get(id));
	}

	/** The skills that have prompts: the only ones a session can be requested in. */
	public SortedSet<String> skills() {
		return new TreeSet<>(prompts.values().stream().map(Prompt::skill).toList());
	}

	public List<Prompt> forSkill(String skill) {
		return prompts.values().stream().filter(prompt -> prompt.skill().equals(skill)).toList();
	}

	/** Every problem found, as {@code file: field: message}; the entries they name were skipped. */
	public List<String> problems() {
		return List.copyOf(problems);
	}

	public Path file() {
		return file;
	}

	private void read() {
		String name = file.getFileName().toString();
		if (!Files.isRegularFile(file)) {
			problems.add(name + ": does not exist at " + file + "; no peer session can be requested until it does");
			return;
		}
		JsonNode root;
		try {
			root = YAML.readTree(file.toFile());
		}
		catch (JsonProcessingException ex) {
			problems.add(name + ": is not valid YAML" + (ex.getLocation() == null ? ""
					: " (line " + ex.getLocation().getLineNr() + ")") + ": " + ex.getOriginalMessage());
			return;
		}
		catch (IOException ex) {
			problems.add(name + ": cannot be read: " + ex.getMessage());
			return;
		}
		if (root == null || !root.isObject() || !root.path("prompts").isArray() || root.path("prompts").isEmpty()) {
			problems.add(name + ": must be a mapping with a non-empty list 'prompts'");
			return;
		}
		new YamlFields((field, message) -> problems.add(name + ": " + field + ": " + message)).allowOnly(root, "",
				"prompts");
		JsonNode entries = root.get("prompts");
		for (int i = 0; i < entries.size(); i++) {
			String path = "prompts[" + i + "]";
			List<String> found = new ArrayList<>();
			java.util.function.BiConsumer<String, String> problem = (field, message) -> found
				.add(name + ": " + field + ": " + message);
			Prompt prompt = prompt(entries.get(i), path, new YamlFields(problem), problem);
			if (prompt != null && prompts.containsKey(prompt.id())) {
				found.add(name + ": " + path + ".id: '" + prompt.id() + "' is used by another prompt");
			}
			if (found.isEmpty() && prompt != null) {
				prompts.put(prompt.id(), prompt);
			}
			problems.addAll(found);
		}
		Set<String> startable = new HashSet<>();
		prompts.values().stream().filter(prompt -> prompt.minTier() == 1).forEach(prompt -> startable.add(prompt.skill()));
		for (String skill : skills()) {
			if (!startable.contains(skill)) {
				problems.add(name + ": skill '" + skill + "' has no prompt with min_tier 1, so learners who only "
						+ "claimed it can never be matched");
			}
		}
	}

	private static Prompt prompt(JsonNode node, String path, YamlFields fields,
			java.util.function.BiConsumer<String, String> problem) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "id", "skill", "title", "level", "min_tier", "brief", "focus");
		String id = fields.id(node, path, "id", true);
		String skill = fields.id(node, path, "skill", true);
		String title = fields.text(node, path, "title", true);
		Prompt.Level level = fields.choice(node, path, "level", Prompt.Level.class);
		Integer minTier = fields.integer(node, path, "min_tier", true, 1, 4);
		String brief = fields.text(node, path, "brief", true);
		List<String> focus = fields.texts(node, path, "focus", true);
		if (level == Prompt.Level.ADVANCED && minTier != null && minTier < 2) {
			// An advanced prompt offered to a learner with a bare claim would fail them, not verify them.
			problem.accept(path + ".min_tier", "an advanced prompt needs min_tier 2 or more, not " + minTier);
			return null;
		}
		if (id == null || skill == null || title == null || level == null || minTier == null || brief == null
				|| focus.isEmpty()) {
			return null;
		}
		return new Prompt(id, skill, title, level, minTier, brief, focus);
	}

}
