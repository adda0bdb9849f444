package dev.provingground.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on the Docker provisioner, on a real Docker engine, plus what only it does: container limits, the
 * stack's networks, labels and the reaper. Tests reach the containers only through ports published on 127.0.0.1.
 */
class DockerStackProvisionerIntegrationTest extends HostileWorkspaceContract {

	private DockerClient docker;

	private StackRecords records;

	private DockerStackProvisioner provisioner;

	@BeforeEach
	void createProvisioner() {
		docker = DockerTestHost.docker();
		records = ProvisioningFixtures.records();
		provisioner = newProvisioner(docker);
	}

	private DockerStackProvisioner newProvisioner(DockerClient client) {
		return new DockerStackProvisioner(client, records, ProvisioningFixtures.settings(Duration.ofSeconds(3)),
				ProvisioningFixtures.CACHE, UUID.randomUUID().toString());
	}

	@Override
	protected boolean keepsAnAccessLog() {
		return false;
	}

	/** The test image's PostgreSQL is Debian bookworm's 15, without reserved_connections; the official 17 has them. */
	@Override
	protected int consoleReserved() {
		return 0;
	}

	@Override
	protected StackProvisioner provisioner() {
		return provisioner;
	}

	@Override
	protected void assertNothingLeftOf(Stack stack) {
		assertThat(containersOf(stack.id())).as("containers of the stack").isEmpty();
		assertThat(docker.listNetworksCmd()
			.withFilter("label", List.of(DockerStackProvisioner.LABEL_STACK + "=" + stack.id()))
			.exec()).as("networks of the stack").isEmpty();
		assertThat(docker.listVolumesCmd()
			.withFilter("label", List.of(DockerStackProvisioner.LABEL_STACK + "=" + stack.id()))
			.exec()
			.getVolumes()).as("workspace volumes of the stack").isNullOrEmpty();
	}

	@Test
	void eachServiceIsAContainerWithItsLimitsLabelsAndPortsOnLoopbackOnly() {
		Stack stack = provision(behindBalancer(2, 0.35, "round_robin"), ProvisioningFixtures.workspace(scenario, tempDir));

		List<Container> containers = containersOf(stack.id());
		assertThat(containers).extracting(container -> container.getLabels().get(DockerStackProvisioner.LABEL_SERVICE))
			.containsExactlyInAnyOrder("database", "app-0", "app-1", "balancer");
		assertThat(containers).allSatisfy(container -> {
			assertThat(container.getLabels()).containsEntry(DockerStackProvisioner.LABEL_NODE, provisioner.nodeId())
				.containsEntry("dev.provingground.owner", "ada");
			assertThat(container.getPorts()).isNotEmpty()
				.allSatisfy(port -> assertThat(port.getIp()).as("published on").isEqualTo("127.0.0.1"));
		});
		InspectContainerResponse replica = docker
			.inspectContainerCmd(DockerStackProvisioner.containerName(stack.id(), "app-1"))
			.exec();
		assertThat(replica.getHostConfig().getNanoCPUs()).as("CPU quota of a third of a core").isEqualTo(350_000_000L);
		assertThat(replica.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
		assertThat(replica.getHostConfig().getPidsLimit()).isEqualTo(ProvisioningFixtures.LIMITS.pids());
		assertThat(replica.getHostConfig().getCapDrop()).as("no capabilities")
			.containsExactly(com.github.dockerjava.api.model.Capability.ALL);
		assertThat(replica.getHostConfig().getSecurityOpts()).contains("no-new-privileges");
		assertThat(replica.getHostConfig().getReadonlyRootfs()).as("read-only root").isTrue();
		assertThat(containers).allSatisfy(container -> assertThat(docker.inspectContainerCmd(container.getId())
			.exec()
			.getHostConfig()
			.getLogConfig()
			.getConfig()).as("the daemon rotates the output of " + container.getNames()[0])
			.containsEntry("max-size", ProvisioningFixtures.LIMITS.fileSize().toMegabytes() / 4 + "m")
			.containsEntry("max-file", "2"));
		assertThat(replica.getConfig().getUser()).as("never root").isNotBlank().doesNotStartWith("0").isNotEqualTo("root");
		assertThat(replica.getNetworkSettings().getNetworks()).containsOnlyKeys(
				DockerStackProvisioner.internalNetwork(stack.id()), DockerStackProvisioner.edgeNetwork(stack.id()));
		var firstReplica = docker.inspectContainerCmd(DockerStackProvisioner.containerName(stack.id(), "app-0")).exec();
		assertThat(replica.getMounts()).singleElement().satisfies(mount -> {
			assertThat(mount.getDestination().getPath()).isEqualTo("/workspace");
			assertThat(mount.getRW()).as("the workspace is read-only for the app").isFalse();
			assertThat(mount.getName()).as("one workspace volume for every replica")
				.isEqualTo(firstReplica.getMounts().get(0).getName());
		});
	}

	@Test
	void anotherPlatformNodeReadsTheReplicasUsageAndTrafficAndRestartsThem() throws Exception {
		Stack stack = provision(behindBalancer(2, null, "round_robin"), ProvisioningFixtures.workspace(scenario, tempDir));
		DockerStackProvisioner otherNode = newProvisioner(docker);

		long deadline = System.nanoTime() + 5_000_000_000L;
		List<ReplicaUsage> usage = otherNode.replicaUsage(stack.id());
		while (usage.size() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(100); // the stats streams it opened deliver their first samples within a second
			usage = otherNode.replicaUsage(stack.id());
		}

		assertThat(usage).extracting(ReplicaUsage::index).containsExactly(0, 1);
		assertThat(usage).allSatisfy(replica -> assertThat(replica.rssBytes()).isGreaterThan(10_000_000L));
		assertThat(otherNode.requestsPerReplica(stack.id())).isEqualTo(provisioner.requestsPerReplica(stack.id()));

		Stack restarted = otherNode.restartApp(stack.id(), 1); // from the request recorded with the stack
		assertThat(restarted.replicas()).hasSize(1);
		assertThat(restarted.entrypoint()).isEqualTo(stack.entrypoint());
		assertThat(get(restarted, "/items/ITEM-0000042").statusCode()).isEqualTo(200);

		JdbcClient.create(ProvisioningFixtures.platformDatabase()).sql("update stack set request = null where id = ?")
			.param(stack.id())
			.update();
		assertThatThrownBy(() -> newProvisioner(docker).restartApp(stack.id(), 1))
			.as("a stack recorded without its request can only be restarted by its own node")
			.isInstanceOf(StackOnAnotherNodeException.class);
	}

	@Test
	void theServicesTalkOnAnInternalNetworkAndNothingReachesOutside() throws Exception {
		Stack stack = provision();

		var internal = docker.inspectNetworkCmd().withNetworkId(DockerStackProvisioner.internalNetwork(stack.id())).exec();
		var edge = docker.inspectNetworkCmd().withNetworkId(DockerStackProvisioner.edgeNetwork(stack.id())).exec();
		assertThat(internal.getInternal()).isTrue();
		assertThat(edge.getOptions()).containsEntry("com.docker.network.bridge.enable_ip_masquerade", "false");
		// The app found the database by its service name, on the internal network.
		assertThat(get(stack, "/items/ITEM-0000007").statusCode()).isEqualTo(200);
		String outside = exec(stack, "app-0", "node", "-e", """
				const socket = require('net').connect({ host: '1.1.1.1', port: 53, timeout: 2000 });
				socket.on('connect', () => { console.log('reached'); process.exit(0); });
				socket.on('timeout', () => { console.log('unreachable'); process.exit(0); });
				socket.on('error', () => { console.log('unreachable'); process.exit(0); });
				""");
		assertThat(outside).contains("unreachable").doesNotContain("reached\n");
	}

	@Test
	void theReaperRemovesTheContainersOfANodeThatCrashed() throws Exception {
		DockerStackProvisioner crashed = newProvisioner(docker);
		Stack orphan = crashed.provision(ProvisioningFixtures.request(scenario, "grace",
				ProvisioningFixtures.workspace(scenario, tempDir)));
		StackReaper reaper = new StackReaper(records, provisioner, ProvisioningFixtures.settings(Duration.ofSeconds(3)));
		records.heartbeat(crashed.nodeId());
		reaper.reap();
		assertThat(containersOf(orphan.id())).as("a stack with a fresh heartbeat is left alone").hasSize(2);

		Thread.sleep(3_500); // the crashed node's heartbeat goes stale

		assertThat(reaper.reap()).isPositive();
		assertThat(provisioner.find(orphan.id())).hasValueSatisfying(
				stopped -> assertThat(stopped.state()).isEqualTo(StackState.STOPPED));
		assertNothingLeftOf(orphan);
	}

	@Test
	void theReaperRemovesLabelledContainersThatNoStackOwns() {
		UUID unknown = UUID.randomUUID();
		docker.createContainerCmd(ProvisioningFixtures.TEST_IMAGE)
			.withName(DockerStackProvisioner.containerName(unknown, "app-0"))
			.withLabels(Map.of(DockerStackProvisioner.LABEL_STACK, unknown.toString()))
			.withCmd("sleep", "60")
			.exec();

		assertThat(provisioner.removeLeftovers()).isPositive();

		assertThat(containersOf(unknown)).isEmpty();
	}

	@Test
	void aRemoteDockerHostOverTcpWorksAsTheLocalSocketDoes() throws Exception {
		DockerClient remote = DockerTestHost.overTcp();
		provisioner = newProvisioner(remote);

		Stack stack = provision();

		assertThat(get(stack, "/items/ITEM-0000042").body()).contains("ITEM-0000042");
		assertThat(provisioner.placement()).isEqualTo("docker:" + docker.infoCmd().exec().getId());
	}

	private List<Container> containersOf(UUID stackId) {
		return docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of(DockerStackProvisioner.LABEL_STACK, stackId.toString()))
			.exec();
	}

	private String exec(Stack stack, String service, String... command) throws InterruptedException {
		var exec = docker.execCreateCmd(DockerStackProvisioner.containerName(stack.id(), service))
			.withCmd(command)
			.withAttachStdout(true)
			.withAttachStderr(true)
			.exec();
		var output = new StringBuilder();
		docker.execStartCmd(exec.getId())
			.exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {

				@Override
				public void onNext(com.github.dockerjava.api.model.Frame frame) {
					output.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
				}

			})
			.awaitCompletion(30, java.util.concurrent.TimeUnit.SECONDS);
		return output.toString();
	}

}
