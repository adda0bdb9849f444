package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on the local provisioner, plus what only it does: cgroups, the npm cache, the reaper. */
class LocalStackProvisionerIntegrationTest extends HostileWorkspaceContract {

	private Path stacksDir;

	private LocalStackProvisioner provisioner;

	@BeforeEach
	void createProvisioner() {
		stacksDir = tempDir.resolve("stacks");
		provisioner = ProvisioningFixtures.newLocalProvisioner(stacksDir, java.time.Duration.ofSeconds(3));
	}

	@Override
	protected StackProvisioner provisioner() {
		return provisioner;
	}

	@Override
	protected void assertNothingLeftOf(Stack stack) {
		assertThat(processesMarkedWith(stack)).as("processes of the stack").isEmpty();
		assertThat(OsProcesses.alive(stack.database().pid())).as("postmaster").isFalse();
		assertThat(stacksDir.resolve(stack.id().toString())).as("stack directory").doesNotExist();
		assertThat(StackCgroups.detect().orElseThrow().services(stack.id().toString())).as("cgroups").isEmpty();
		assertThat(StackNetworks.present()).as("network namespaces").doesNotContain(stack.id());
		assertThat(Path.of("/sys/class/net", StackNetworks.hostLink(stack.id()))).as("host link").doesNotExist();
	}

	@Test
	void eachReplicaRunsInTheCgroupOfItsServiceWithItsLimits() throws IOException {
		Stack stack = provision(behindBalancer(1, 0.5, "round_robin"), ProvisioningFixtures.workspace(scenario, tempDir));

		String cgroups = Files.readString(Path.of("/proc", Long.toString(stack.replicas().get(0).pid()), "cgroup"));
		assertThat(cgroups).contains("provingground/" + stack.id() + "/app-0");
		var pids = StackCgroups.detect().orElseThrow().pids(stack.id().toString(), "app-0");
		assertThat(pids).as("the sandbox's processes and the app").hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void npmDependenciesAreInstalledOnceAndSharedByLaterStacks() throws IOException {
		Path first = ProvisioningFixtures.workspace(scenario, tempDir);
		Path second = ProvisioningFixtures.workspace(scenario, tempDir);
		provision(scenario.stack(), first);
		long installed = Files.getLastModifiedTime(first.resolve("node_modules").toRealPath()).toMillis();

		provision(scenario.stack(), second);

		assertThat(second.resolve("node_modules").toRealPath()).isEqualTo(first.resolve("node_modules").toRealPath())
			.startsWith(ProvisioningFixtures.CACHE);
		assertThat(Files.getLastModifiedTime(second.resolve("node_modules").toRealPath()).toMillis()).isEqualTo(installed);
	}

	@Test
	void theReaperRemovesAStackWhosePlatformProcessCrashed() throws Exception {
		// A provisioner on another node id starts a stack and then "crashes": it never sends a heartbeat and never
		// tears anything down. The stack's processes keep running, as after a real crash.
		LocalStackProvisioner crashed = ProvisioningFixtures.newLocalProvisioner(stacksDir, java.time.Duration.ofSeconds(3));
		Stack orphan = crashed.provision(ProvisioningFixtures.request(scenario, "grace",
				ProvisioningFixtures.workspace(scenario, tempDir)));
		StackRecords records = ProvisioningFixtures.records();
		StackReaper reaper = new StackReaper(records, provisioner, ProvisioningFixtures.settings(java.time.Duration.ofSeconds(3)));
		records.heartbeat(crashed.nodeId());
		reaper.reap();
		assertThat(provisioner.find(orphan.id())).as("a stack with a fresh heartbeat is left alone")
			.hasValueSatisfying(alive -> assertThat(alive.state()).isEqualTo(StackState.READY));

		Thread.sleep(3_500); // the heartbeat goes stale

		assertThat(reaper.reap()).isPositive();
		assertThat(provisioner.find(orphan.id())).hasValueSatisfying(
				stopped -> assertThat(stopped.state()).isEqualTo(StackState.STOPPED));
		assertNothingLeftOf(orphan);
	}

	@Test
	void theReaperRemovesTheStacksOfAnEndedRun() {
		Stack stack = provision();
		StackRecords records = ProvisioningFixtures.records();
		records.heartbeat(provisioner.nodeId());
		StackReaper reaper = new StackReaper(records, provisioner, ProvisioningFixtures.settings(java.time.Duration.ofMinutes(5)));

		records.endRun(stack.runId()); // as a teardown that failed leaves it

		assertThat(reaper.reap()).isPositive();
		assertThat(provisioner.find(stack.id())).hasValueSatisfying(
				stopped -> assertThat(stopped.state()).isEqualTo(StackState.STOPPED));
		assertNothingLeftOf(stack);
	}

	@Test
	void tearingDownARunStopsEveryStackItHad() {
		// A job that provisioned and then failed to commit leaves a stack that its run's row does not name.
		String runId = "run-" + java.util.UUID.randomUUID();
		List<Stack> stacks = new java.util.ArrayList<>();
		for (int attempt = 0; attempt < 2; attempt++) {
			Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
			stacks.add(provisioner.provision(new StackRequest("ada", runId, scenario.id(), scenario.version(),
					scenario.packageDir(), scenario.stack(), workspace, java.time.Duration.ofMinutes(30))));
		}

		provisioner.tearDownRun(runId);

		for (Stack stack : stacks) {
			assertThat(provisioner.find(stack.id())).hasValueSatisfying(
					stopped -> assertThat(stopped.state()).isEqualTo(StackState.STOPPED));
			assertNothingLeftOf(stack);
		}
	}

	private static List<Long> processesMarkedWith(Stack stack) {
		String marker = OsProcesses.STACK_MARKER + "=" + stack.id();
		try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
			return proc.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter(dir -> {
					try {
						return new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8).contains(marker);
					}
					catch (IOException ex) {
						return false;
					}
				})
				.map(dir -> Long.parseLong(dir.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

}
