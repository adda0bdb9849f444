package dev.provingground.provisioning;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenario's seeded database as an image, made once per scenario version and database image on the Docker host:
 * a container of the PostgreSQL image is seeded, shut down cleanly and committed. A stack's database container starts
 * from that image in a moment, even with millions of rows, as the local provisioner starts from a copied template.
 */
final class DockerSeededDatabases {

	/**
	 * Where the seeded cluster lives in the image: outside the official image's volume, whose contents a commit leaves
	 * out.
	 */
	static final String PGDATA = "/srv/stack-database";

	private static final String REPOSITORY = "proving-ground-seed/";

	private static final String LABEL_SEEDING = "dev.provingground.seeding";

	/** Seeding never takes this long: a seeding container this old was left by a crash. */
	private static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

	private static final Logger log = LoggerFactory.getLogger(DockerSeededDatabases.class);

	private final DockerClient docker;

	private final ProvisioningSettings settings;

	private final DockerImages images;

	private final Map<String, Object> seedLocks = new ConcurrentHashMap<>();

	private final String templatePassword;

	DockerSeededDatabases(DockerClient docker, ProvisioningSettings settings, DockerImages images,
			String templatePassword) {
		this.templatePassword = templatePassword;
		this.docker = docker;
		this.settings = settings;
		this.images = images;
	}

	/** The seeded image for this stack's database, made now when the Docker host has none. */
	String imageFor(StackRequest request) {
		String base = request.spec().database().image() != null ? request.spec().database().image()
				: settings.docker().databaseImage();
		String image = REPOSITORY + request.scenarioId() + ":" + StackDatabases.fingerprint(request) + "-"
				+ Integer.toHexString(base.hashCode());
		synchronized (seedLocks.computeIfAbsent(image, key -> new Object())) {
			if (exists(image)) {
				return image;
			}
			images.require(base);
			try {
				seed(request, base, image);
			}
			catch (IOException | SQLException | RuntimeException ex) {
				throw new StackProvisioningException("Seeding the database of scenario '" + request.scenarioId()
						+ "' failed: " + StackDatabases.rootMessage(ex), ex);
			}
			return image;
		}
	}

	/** Removes seeding containers that a crash left behind; returns how many. */
	int removeAbandoned() {
		long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
		int removed = 0;
		for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL_SEEDING)).exec()) {
			if (container.getCreated() < cutoff) {
				Containers.remove(docker, container.getId());
				removed++;
			}
		}
		return removed;
	}

	private void seed(StackRequest request, String base, String image) throws IOException, SQLException {
		long started = System.nanoTime();
		ExposedPort exposed = ExposedPort.tcp(5432);
		String container = docker.createContainerCmd(base)
			.withLabels(Map.of(LABEL_SEEDING, image))
			.withEnv("PGDATA=" + PGDATA, "POSTGRES_HOST_AUTH_METHOD=trust")
			.withExposedPorts(exposed)
			.withHostConfig(HostConfig.newHostConfig()
				.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), exposed)))
			// Minimal WAL: rows inserted in the transaction that created their table skip it, so the image holds the
			// data once instead of twice.
			.withCmd("postgres", "-c", "wal_level=minimal", "-c", "max_wal_senders=0", "-c", "max_wal_size=2GB")
			.exec()
			.getId();
		try {
			docker.startContainerCmd(container).exec();
			var bindings = docker.inspectContainerCmd(container).exec().getNetworkSettings().getPorts().getBindings();
			int port = Integer.parseInt(bindings.get(exposed)[0].getHostPortSpec());
			Containers.awaitPostgres(docker, container, "The database container for seeding", port, "postgres", "",
					settings.startTimeout());
			StackDatabases.seed(request, database -> DriverManager
				.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, StackDatabases.SUPERUSER, ""),
					templatePassword);
			// A clean shutdown, so that the committed cluster starts without recovery.
			docker.stopContainerCmd(container).withTimeout(60).exec();
			// Seeding trusted the platform alone, on loopback; the image asks every connection for its password.
			docker.copyArchiveToContainerCmd(container)
				.withRemotePath(PGDATA)
				.withTarInputStream(new java.io.ByteArrayInputStream(
						WorkspaceArchive.ofFiles(Map.of("pg_hba.conf", StackDatabases.HBA))))
				.exec();
			docker.commitCmd(container)
				.withRepository(image.substring(0, image.indexOf(':')))
				.withTag(image.substring(image.indexOf(':') + 1))
				.withLabels(Map.of("dev.provingground.scenario", request.scenarioId()))
				.exec();
		}
		finally {
			Containers.remove(docker, container);
		}
		log.info("Seeded the database image {} of scenario {} in {} ms", image, request.scenarioId(),
				(System.nanoTime() - started) / 1_000_000);
	}

	private boolean exists(String image) {
		try {
			docker.inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

}
