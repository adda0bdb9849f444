/**
 * Catalog: reads and validates the scenario packages in {@code scenarios/}, lists the valid ones, and reports the
 * invalid ones with every problem found.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scenario catalog")
package dev.provingground.catalog;
