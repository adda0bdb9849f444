package dev.provingground.workflow;

import java.util.Set;

/**
 * The allow-list: the only beans a process model may name, as {@code camunda:delegateExpression="#{name}"}. Model
 * validation rejects any other, and the engine's expression language sees no other bean at all.
 */
public final class ProcessDelegates {

	public static final String LOAD_SKILL_FIGURES = "loadSkillFigures";

	public static final String RECORD_TIER = "recordTier";

	public static final Set<String> ALLOWED = Set.of(LOAD_SKILL_FIGURES, RECORD_TIER);

	private ProcessDelegates() {
	}

}
