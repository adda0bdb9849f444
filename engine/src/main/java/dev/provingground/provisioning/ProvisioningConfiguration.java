package dev.provingground.provisioning;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.provingground.platform.NodeIncarnation;
import dev.provingground.platform.PlatformSecrets;
import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.StartupSummary;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provisioner this deployment configures: {@code local} processes (the default) or {@code docker} containers. */
@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

	private static final String MODE = "provingground.provisioning.mode";

	@Bean(destroyMethod = "tearDownAll")
	@ConditionalOnProperty(name = MODE, havingValue = "local", matchIfMissing = true)
	LocalStackProvisioner localStackProvisioner(StackRecords records, ProvisioningSettings settings,
			PlatformSettings platform, NodeIncarnation node) {
		return new LocalStackProvisioner(records, settings,
				settings.stacksDir() != null ? settings.stacksDir() : platform.dataDirOf("stacks"),
				cacheDir(settings, platform), node.id(), records.credentials());
	}

	/** What the operator learns at startup: whether learners' code can run here, and if not, what to install. */
	@Bean
	StartupSummary sandboxSummary(ProvisioningSettings settings) {
		return () -> List.of(settings.mode().equals("docker")
				? "Stacks:       Docker containers, non-root, no capabilities, read-only root (docs/adr/0017)"
				: LocalStackProvisioner.unavailable()
					.map(reason -> "Stacks:       UNAVAILABLE. " + reason)
					.orElse("Stacks:       local, each in its own sandbox (network namespace, user, cgroups; "
							+ "docs/adr/0017)"));
	}

	/** The stack databases' passwords, from a secret in the data directory that every node shares. */
	@Bean
	StackCredentials stackCredentials(PlatformSettings platform) {
		return new StackCredentials(PlatformSecrets.of(platform).get(StackCredentials.SECRET, null));
	}

	@Bean(destroyMethod = "tearDownAll")
	@ConditionalOnProperty(name = MODE, havingValue = "docker")
	DockerStackProvisioner dockerStackProvisioner(StackRecords records, ProvisioningSettings settings,
			PlatformSettings platform, NodeIncarnation node) {
		return new DockerStackProvisioner(dockerClient(settings.docker()), records, settings,
				cacheDir(settings, platform), node.id());
	}

	/**
	 * A client of the configured Docker host, else of {@code DOCKER_HOST}, else of the local socket, speaking the API
	 * version the engine offers (up to the newest this client knows): engines refuse newer versions than theirs, and
	 * the newest engines refuse old ones.
	 */
	static DockerClient dockerClient(ProvisioningSettings.Docker docker) {
		var config = DefaultDockerClientConfig.createDefaultConfigBuilder();
		if (docker.host() != null && !docker.host().isBlank()) {
			config.withDockerHost(docker.host());
		}
		var built = config.build();
		var http = new ZerodepDockerHttpClient.Builder().dockerHost(built.getDockerHost())
			.sslConfig(built.getSSLConfig())
			.maxConnections(64)
			.connectionTimeout(Duration.ofSeconds(10))
			.build();
		return DockerClientImpl.getInstance(config.withApiVersion(apiVersion(http)).build(), http);
	}

	private static final RemoteApiVersion NEWEST_KNOWN = RemoteApiVersion.VERSION_1_44;

	/** The engine's API version, from its unversioned {@code /version}; the newest known when it cannot tell. */
	private static RemoteApiVersion apiVersion(DockerHttpClient http) {
		var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path("/version")
			.build();
		try (var response = http.execute(request)) {
			var version = RemoteApiVersion.parseConfig(new ObjectMapper().readTree(response.getBody())
				.path("ApiVersion")
				.asText());
			return version.isGreaterOrEqual(NEWEST_KNOWN) ? NEWEST_KNOWN : version;
		}
		catch (IOException | RuntimeException ex) {
			return NEWEST_KNOWN;
		}
	}

	private static java.nio.file.Path cacheDir(ProvisioningSettings settings, PlatformSettings platform) {
		return settings.cacheDir() != null ? settings.cacheDir() : platform.dataDirOf("cache");
	}

}
