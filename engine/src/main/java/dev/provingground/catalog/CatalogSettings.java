package dev.provingground.catalog;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param dir the folder holding one folder per scenario package */
@ConfigurationProperties("provingground.scenarios")
record CatalogSettings(@DefaultValue("scenarios") Path dir) {

}
