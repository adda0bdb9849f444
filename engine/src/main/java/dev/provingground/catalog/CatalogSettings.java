package dev.provingground.catalog;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dir the folder holding one folder per scenario package; a text, because Spring's conversion to a path refuses
 * relative paths such as {@code ../scenarios}
 */
@ConfigurationProperties("provingground.scenarios")
record CatalogSettings(@DefaultValue("scenarios") String dir) {

	Path path() {
		return Path.of(dir).toAbsolutePath().normalize();
	}

}
