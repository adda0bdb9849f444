package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker host the Docker tests use: the local socket or {@code DOCKER_HOST}, with the test image built on first use
 * ({@code docker/stack-images/build}). CI starts a Docker engine ({@code .ci/run}); there, a missing engine fails the
 * tests. Elsewhere they are skipped with the reason.
 */
final class DockerTestHost {

	private static DockerClient docker;

	static final String TCP_HOST = "tcp://127.0.0.1:2375";

	private DockerTestHost() {
	}

	/** Under CI a missing engine fails the test; elsewhere it is skipped, with the reason. */
	private static void requireAnswer(DockerClient client, String reason) {
		try {
			client.pingCmd().exec();
		}
		catch (RuntimeException ex) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(reason + " (" + ex.getMessage() + ")", ex);
			}
			Assumptions.abort(reason + " (" + ex.getMessage() + ")");
		}
	}

	static synchronized DockerClient docker() {
		if (docker == null) {
			DockerClient client = ProvisioningConfiguration.dockerClient(ProvisioningFixtures.dockerSettings());
			requireAnswer(client, "No Docker engine answers: start dockerd, or set DOCKER_HOST");
			buildTestImage(client);
			docker = client;
		}
		return docker;
	}

	/**
	 * The same engine reached over TCP on loopback, as a remote Docker host is: {@code .ci/run} starts dockerd listening
	 * on {@value #TCP_HOST} too.
	 */
	static DockerClient overTcp() {
		docker();
		var settings = ProvisioningFixtures.dockerSettings();
		DockerClient client = ProvisioningConfiguration.dockerClient(new ProvisioningSettings.Docker(TCP_HOST,
				settings.databaseImage(), settings.appImage(), settings.balancerImage(), settings.toolsImage(),
				settings.pullTimeout()));
		requireAnswer(client, "No Docker engine answers on " + TCP_HOST);
		return client;
	}

	private static void buildTestImage(DockerClient client) {
		try {
			client.inspectImageCmd(ProvisioningFixtures.TEST_IMAGE).exec();
			return;
		}
		catch (NotFoundException missing) {
			// built below
		}
		Path script = Path.of("../docker/stack-images/build").toAbsolutePath().normalize();
		try {
			Process build = new ProcessBuilder(script.toString(), ProvisioningFixtures.TEST_IMAGE).redirectErrorStream(true)
				.start();
			String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
				throw new IllegalStateException("Building the test image with " + script + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + script + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while building the test image", ex);
		}
	}

}
