package dev.provingground.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where OpenSearch is. With no URL, the platform starts its own node in-process.
 *
 * @param url for example {@code https://search.internal:9200}
 * @param username optional, for HTTP Basic against the cluster
 * @param password optional, for HTTP Basic against the cluster
 */
@ConfigurationProperties("provingground.search")
record SearchSettings(String url, String username, String password) {

	boolean embedded() {
		return !StringUtils.hasText(url);
	}

	boolean hasCredentials() {
		return StringUtils.hasText(username);
	}

}
