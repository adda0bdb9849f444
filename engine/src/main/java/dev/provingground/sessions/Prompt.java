package dev.provingground.sessions;

import java.util.List;

/**
 * One design problem from the prompt bank.
 *
 * @param minTier both participants must hold at least this tier (1–4) in the skill
 * @param focus what the discussion should cover
 */
public record Prompt(String id, String skill, String title, Level level, int minTier, String brief,
		List<String> focus) {

	public enum Level {
		CORE, ADVANCED
	}

	public Prompt {
		focus = List.copyOf(focus);
	}

}
