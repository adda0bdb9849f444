package dev.provingground.platform;

import java.util.List;

/**
 * Something a module wants the operator to read once the platform is up: a URL, where data lives, demo logins.
 * Modules publish beans of this type; {@link StartupReport} prints them together.
 */
public interface StartupSummary {

	/** Lines to print, without trailing newlines. */
	List<String> lines();

}
