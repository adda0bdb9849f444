/**
 * Database: the PostgreSQL connection, either to an external server ({@code DATABASE_URL}) or to a real PostgreSQL
 * started in-process with its data under the data directory. Flyway owns every table that is not Camunda's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package dev.provingground.database;
