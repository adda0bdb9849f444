package dev.provingground.catalog;

/**
 * One thing wrong with a scenario package.
 *
 * @param file the file, relative to the package folder
 * @param field the field, as a path such as {@code checks[2].assert.p95_ms}, or empty for the whole file
 */
public record ManifestProblem(String file, String field, String message) {

	@Override
	public String toString() {
		return file + (field.isEmpty() ? "" : ": " + field) + ": " + message;
	}

}
