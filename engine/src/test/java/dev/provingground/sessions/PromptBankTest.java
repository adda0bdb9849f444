package dev.provingground.sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped prompt bank, and how a broken one is reported. */
class PromptBankTest {

	static final Path SHIPPED = Path.of("../sessions/prompts.yaml");

	@TempDir
	Path dir;

	@Test
	void theShippedBankCoversTheCoreAndAdvancedTopics() {
		PromptBank bank = PromptBank.of(SHIPPED);

		assertThat(bank.problems()).isEmpty();
		assertThat(bank.skills()).containsExactly("system-design");
		assertThat(bank.prompts()).filteredOn(prompt -> prompt.level() == Prompt.Level.CORE)
			.allSatisfy(prompt -> assertThat(prompt.minTier()).isEqualTo(1))
			.extracting(Prompt::id)
			.containsExactly("url-shortener", "messaging-system", "notification-service", "rate-limiter",
					"distributed-cache");
		assertThat(bank.prompts()).filteredOn(prompt -> prompt.level() == Prompt.Level.ADVANCED)
			.allSatisfy(prompt -> assertThat(prompt.minTier()).isGreaterThanOrEqualTo(3))
			.extracting(Prompt::id)
			.containsExactly("distributed-consensus", "event-sourcing", "multi-region-active-active");
		assertThat(bank.prompts()).allSatisfy(prompt -> assertThat(prompt.focus()).isNotEmpty());
	}

	@Test
	void badEntriesAreReportedAndSkippedWhileGoodOnesLoad() throws IOException {
		Path file = dir.resolve("prompts.yaml");
		Files.writeString(file, """
				prompts:
				  - id: url-shortener
				    skill: system-design
				    title: Design a URL shortener
				    level: core
				    min_tier: 1
				    brief: Short links.
				    focus: [codes]
				  - id: Consensus!
				    skill: system-design
				    title: Consensus
				    level: expert
				    min_tier: 7
				    brief: Raft.
				    focus: []
				    duration: 60
				  - id: event-sourcing
				    skill: system-design
				    title: Event sourcing
				    level: advanced
				    min_tier: 1
				    brief: Events.
				    focus: [projections]
				  - id: url-shortener
				    skill: system-design
				    title: Again
				    level: core
				    min_tier: 1
				    brief: Twice.
				    focus: [codes]
				  - id: caching
				    skill: backend
				    title: A cache
				    level: advanced
				    min_tier: 2
				    brief: Cache.
				    focus: [eviction]
				""");

		PromptBank bank = PromptBank.of(file);

		assertThat(bank.prompts()).extracting(Prompt::id).containsExactly("url-shortener", "caching");
		assertThat(bank.problems()).containsExactlyInAnyOrder(
				"prompts.yaml: prompts[1].duration: is not a known field here; known fields are "
						+ "[brief, focus, id, level, min_tier, skill, title]",
				"prompts.yaml: prompts[1].id: must be lowercase letters, digits and dashes, not 'Consensus!'",
				"prompts.yaml: prompts[1].level: must be one of [core, advanced], not 'expert'",
				"prompts.yaml: prompts[1].min_tier: must be between 1 and 4, not 7",
				"prompts.yaml: prompts[1].focus: must be a non-empty list",
				"prompts.yaml: prompts[2].min_tier: an advanced prompt needs min_tier 2 or more, not 1",
				"prompts.yaml: prompts[3].id: 'url-shortener' is used by another prompt",
				"prompts.yaml: skill 'backend' has no prompt with min_tier 1, so learners who only claimed it can "
						+ "never be matched");
	}

	@Test
	void aMissingOrBrokenFileLeavesTheBankEmptyWithTheReason() throws IOException {
		assertThat(PromptBank.of(dir.resolve("none.yaml")).problems()).singleElement()
			.asString()
			.startsWith("none.yaml: does not exist at ");
		Path broken = dir.resolve("broken.yaml");
		Files.writeString(broken, "prompts: [unclosed");
		PromptBank bank = PromptBank.of(broken);
		assertThat(bank.prompts()).isEmpty();
		assertThat(bank.problems()).singleElement().asString().startsWith("broken.yaml: is not valid YAML (line");
	}

}
