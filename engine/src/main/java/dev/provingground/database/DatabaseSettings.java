package dev.provingground.database;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where PostgreSQL is. With no URL, the platform starts its own embedded server.
 *
 * @param url a JDBC URL ({@code jdbc:postgresql://host:5432/db}) or a libpq-style URL ({@code postgres://user:pw@host/db})
 * @param user overrides the user named in the URL
 * @param password overrides the password named in the URL
 * @param maxPoolSize connections in the application's pool
 * @param synchronousCommit the embedded server confirms a commit only once it is on disk (the default). Off, a commit
 * returns before its WAL is flushed: after an OS crash or a power cut the last commits (up to about 0.6 s of them) can
 * be lost, though the database is never corrupted, since fsync and full-page writes stay on
 */
@ConfigurationProperties("provingground.database")
record DatabaseSettings(String url, String user, String password, int maxPoolSize, Boolean synchronousCommit) {

	DatabaseSettings {
		if (maxPoolSize <= 0) {
			maxPoolSize = 20;
		}
		if (synchronousCommit == null) {
			synchronousCommit = true;
		}
	}

	boolean embedded() {
		return !StringUtils.hasText(url);
	}

	/** The connection to an external server, with the URL normalised to JDBC form. */
	ConnectionInfo external() {
		if (url.startsWith("jdbc:postgresql:")) {
			return new ConnectionInfo(url, user, password);
		}
		if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
			throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql:, postgres:// or postgresql://, but was '"
					+ url.replaceAll("//[^@/]*@", "//***@") + "'");
		}
		URI uri = URI.create(url);
		String urlUser = null;
		String urlPassword = null;
		if (uri.getUserInfo() != null) {
			String[] parts = uri.getUserInfo().split(":", 2);
			urlUser = parts[0];
			urlPassword = parts.length > 1 ? parts[1] : null;
		}
		int port = uri.getPort() > 0 ? uri.getPort() : 5432;
		String query = uri.getQuery() != null ? "?" + uri.getQuery() : "";
		String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query;
		return new ConnectionInfo(jdbcUrl, StringUtils.hasText(user) ? user : urlUser,
				StringUtils.hasText(password) ? password : urlPassword);
	}

	record ConnectionInfo(String jdbcUrl, String user, String password) {
	}

}
