package dev.provingground.database;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.provingground.platform.PlatformSecrets;
import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.StartupSummary;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/** The one DataSource of the platform: Camunda, Quartz, Flyway and every module share it. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/** The embedded server's superuser password, in {@code <data>/secrets}. */
	static final String POSTGRES_SECRET = "postgres-password";

	/** Null when an external database is configured. Spring stops the server after the pool is closed. */
	@Bean
	@Nullable
	EmbeddedPostgresServer embeddedPostgresServer(DatabaseSettings settings, PlatformSettings platform) {
		if (!settings.embedded()) {
			return null;
		}
		var secrets = PlatformSecrets.of(platform);
		String password = secrets.get(POSTGRES_SECRET, null);
		return EmbeddedPostgresServer.start(EmbeddedDatabaseFiles.clusterOf(platform.dataDir()), secrets.file(POSTGRES_SECRET), password,
				settings.synchronousCommit());
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseSettings settings, @Nullable EmbeddedPostgresServer embedded) {
		var dataSource = new HikariDataSource();
		if (embedded != null) {
			dataSource.setJdbcUrl(embedded.jdbcUrl());
			dataSource.setUsername(EmbeddedPostgresServer.USER);
			dataSource.setPassword(embedded.password());
		}
		else {
			var connection = settings.external();
			dataSource.setJdbcUrl(connection.jdbcUrl());
			dataSource.setUsername(connection.user());
			dataSource.setPassword(connection.password());
		}
		dataSource.setPoolName("provingground");
		dataSource.setMaximumPoolSize(settings.maxPoolSize());
		return dataSource;
	}

	/**
	 * Boot hands the pool to Quartz through a customizer, so Spring does not know that the scheduler uses it and might
	 * close the pool first; its cluster manager would then log errors on every shutdown.
	 */
	@Bean
	static BeanFactoryPostProcessor quartzClosesBeforeThePool() {
		return beanFactory -> {
			if (beanFactory.containsBeanDefinition("quartzScheduler")) {
				var scheduler = beanFactory.getBeanDefinition("quartzScheduler");
				scheduler.setDependsOn(StringUtils.addStringToArray(scheduler.getDependsOn(), "dataSource"));
			}
		};
	}

	@Bean
	StartupSummary databaseSummary(DatabaseSettings settings, @Nullable EmbeddedPostgresServer embedded,
			DataSource dataSource) {
		String line = embedded != null
				? "PostgreSQL:   embedded on 127.0.0.1:" + embedded.port() + ", data in " + embedded.dataDirectory()
						+ (settings.synchronousCommit() ? ", durable (fsync, synchronous commits)"
								: ", fsync on but commits asynchronous: a crash of the host can lose the last commits")
				: "PostgreSQL:   external at " + settings.external().jdbcUrl();
		return () -> List.of(line);
	}

}
