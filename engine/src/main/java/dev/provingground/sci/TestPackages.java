package dev.provingground.sci;

import java.util.Set;

/**
 * The activities that are packages for the platform's own tests (a scenario or project whose manifest says
 * {@code for_tests: true}). Their activities are kept but never count towards an SCI. The catalogs know them; this
 * module only asks.
 */
public interface TestPackages {

	/** The ids of every test package, scenarios and projects alike. */
	Set<String> ids();

}
