package dev.provingground.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxFirewallTest {

	@Test
	void theRulesForARemoteDockerHostAreTheOnesThePlatformInstalls() throws Exception {
		String shipped = Files.readString(Path.of("..", "docker", "sandbox-firewall.nft"));
		String rules = SandboxFirewall.ruleset().lines().filter(line -> !line.startsWith("#")).reduce("",
				(all, line) -> all + line + "\n");
		assertThat(shipped).endsWith(rules);
	}

	@Test
	void everyPrefixOfAStacksLinkIsClosedToConnectionsFromTheStack() {
		String rules = SandboxFirewall.ruleset();
		for (String prefix : new String[] { SandboxFirewall.LOCAL_PREFIX, SandboxFirewall.INTERNAL_PREFIX,
				SandboxFirewall.EDGE_PREFIX }) {
			assertThat(rules).contains("iifname \"" + prefix + "*\" ct state established,related accept\n")
				.contains("iifname \"" + prefix + "*\" reject");
		}
		assertThat(StackNetworks.hostLink(java.util.UUID.randomUUID())).startsWith(SandboxFirewall.LOCAL_PREFIX)
			.hasSizeLessThanOrEqualTo(15);
		assertThat(DockerStackProvisioner.bridgeName(SandboxFirewall.EDGE_PREFIX, java.util.UUID.randomUUID()))
			.hasSizeLessThanOrEqualTo(15);
	}

}
