package dev.provingground.provisioning;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.PullImageResultCallback;

/** Makes sure an image is on the Docker host, pulling it the first time a stack needs it. */
final class DockerImages {

	private final DockerClient docker;

	private final Duration pullTimeout;

	private final Set<String> present = ConcurrentHashMap.newKeySet();

	DockerImages(DockerClient docker, Duration pullTimeout) {
		this.docker = docker;
		this.pullTimeout = pullTimeout;
	}

	void require(String image) {
		if (present.contains(image)) {
			return;
		}
		try {
			docker.inspectImageCmd(image).exec();
		}
		catch (NotFoundException missing) {
			pull(image);
		}
		present.add(image);
	}

	private void pull(String image) {
		try {
			if (!docker.pullImageCmd(image).exec(new PullImageResultCallback())
				.awaitCompletion(pullTimeout.toSeconds(), TimeUnit.SECONDS)) {
				throw new StackProvisioningException("Pulling the image " + image + " took longer than "
						+ pullTimeout.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackProvisioningException("Interrupted while pulling the image " + image);
		}
		catch (RuntimeException ex) {
			if (ex instanceof StackProvisioningException) {
				throw ex;
			}
			throw new StackProvisioningException("The image " + image + " is not on the Docker host and could not be "
					+ "pulled: " + StackDatabases.rootMessage(ex), ex);
		}
	}

}
