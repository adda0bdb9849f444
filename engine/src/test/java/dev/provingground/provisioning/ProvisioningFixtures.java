package dev.provingground.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import dev.provingground.catalog.Scenario;
import dev.provingground.catalog.ScenarioCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * What provisioning tests share: the platform's own database (where stack rows live), the test scenario, and a cache
 * kept under {@code target/} so that seeded templates and npm installs are made once per build.
 */
public final class ProvisioningFixtures {

	public static final Path SCENARIOS = Path.of("../scenarios").toAbsolutePath().normalize();

	public static final Path CACHE = Path.of("target/provisioning-cache").toAbsolutePath();

	private static DataSource platformDatabase;

	private ProvisioningFixtures() {
	}

	/** The platform's database with every migration applied, started once per test JVM. */
	public static synchronized DataSource platformDatabase() {
		if (platformDatabase == null) {
			try {
				platformDatabase = EmbeddedPostgres.builder().start().getPostgresDatabase();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Flyway.configure().dataSource(platformDatabase).locations("classpath:db/migration").load().migrate();
		}
		return platformDatabase;
	}

	/** The image the Docker tests run every service from, built by {@code docker/stack-images/build}. */
	public static final String TEST_IMAGE = "proving-ground/stack-test:3";

	public static ProvisioningSettings settings(Duration orphanAfter) {
		return new ProvisioningSettings("local", CACHE, null, Duration.ofSeconds(60), Duration.ofSeconds(1),
				orphanAfter, Duration.ofSeconds(30), "node", "npm", "nginx", LIMITS,
				new ProvisioningSettings.Sandbox("10.213.0.0/16", 1), dockerSettings());
	}

	/**
	 * The limits the tests run stacks with: small enough that a hostile app meets them quickly (the test scenario's
	 * database starts at about 160 MB).
	 */
	static final ProvisioningSettings.Limits LIMITS = new ProvisioningSettings.Limits(DataSize.ofMegabytes(512),
			DataSize.ofMegabytes(256), DataSize.ofMegabytes(64), 128, DataSize.ofMegabytes(16), DataSize.ofMegabytes(256), 1.0,
			DataSize.ofMegabytes(320));

	/** The stack databases' passwords in every provisioning test: one secret, as one data directory has. */
	static final StackCredentials CREDENTIALS = new StackCredentials("provisioning-tests");

	static StackRecords records() {
		return new StackRecords(JdbcClient.create(platformDatabase()), CREDENTIALS);
	}

	static ProvisioningSettings.Docker dockerSettings() {
		return new ProvisioningSettings.Docker(null, TEST_IMAGE, TEST_IMAGE, TEST_IMAGE, TEST_IMAGE, Duration.ofMinutes(1));
	}

	/** A local provisioner as the platform builds it, on its own node id. */
	public static StackProvisioner localProvisioner(Path stacksDir) {
		return newLocalProvisioner(stacksDir, Duration.ofMinutes(2));
	}

	static LocalStackProvisioner newLocalProvisioner(Path stacksDir, Duration orphanAfter) {
		return new LocalStackProvisioner(records(), settings(orphanAfter), stacksDir, CACHE, UUID.randomUUID().toString(),
				CREDENTIALS);
	}

	public static Scenario scenario(String id) {
		return catalog().get(id);
	}

	public static ScenarioCatalog catalog() {
		return CatalogHolder.CATALOG;
	}

	/** A fresh workspace holding the scenario's starter app. */
	public static Path workspace(Scenario scenario, Path parent) {
		try {
			Path workspace = Files.createTempDirectory(Files.createDirectories(parent), "workspace-");
			scenario.copyStarterTo(workspace);
			return workspace;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static StackRequest request(Scenario scenario, String owner, Path workspace) {
		return request(scenario, scenario.stackFor(workspace), owner, workspace);
	}

	public static StackRequest request(Scenario scenario, StackSpec spec, String owner, Path workspace) {
		return new StackRequest(owner, "run-" + UUID.randomUUID(), scenario.id(), scenario.version(),
				scenario.packageDir(), spec, workspace, Duration.ofMinutes(30));
	}

	private static final class CatalogHolder {

		static final ScenarioCatalog CATALOG = ScenarioCatalog.of(SCENARIOS);

	}

}
