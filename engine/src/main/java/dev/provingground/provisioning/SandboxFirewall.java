package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's rules that keep stacks away from it: a stack's link to the host (a local stack's veth, a Docker stack's
 * bridges) carries the platform's connections into the stack and their answers, and nothing the stack starts itself.
 * Without them a stack could reach every service the host offers on its end of the link: the platform's HTTP port,
 * Docker's API, sshd. The rules are one nftables table of their own, written whole on every start, so they never pile
 * up and never touch anyone else's rules. A Docker stack's traffic stays on its own bridges: nothing it sends is
 * forwarded elsewhere, so a container on the edge network has no way out through the host's default route either.
 * {@code docker/sandbox-firewall.nft} is the same table for a remote Docker host.
 */
final class SandboxFirewall {

	/** Host ends of local stacks' links. */
	static final String LOCAL_PREFIX = "pgl";

	/** Docker stacks' internal bridges. */
	static final String INTERNAL_PREFIX = "pgi";

	/** Docker stacks' edge bridges, which carry the published ports. */
	static final String EDGE_PREFIX = "pge";

	static final String TABLE = "provingground_sandbox";

	private SandboxFirewall() {
	}

	/** The ruleset, as {@code nft -f} reads it. */
	static String ruleset() {
		return """
				# Written by Proving Ground: stacks reach nothing on this host (docs/adr/0017-learner-sandbox.md).
				table inet %1$s
				delete table inet %1$s
				table inet %1$s {
				  chain input {
				    type filter hook input priority -10; policy accept;
				    iifname "%2$s*" ct state established,related accept
				    iifname "%2$s*" reject with icmpx type admin-prohibited
				    iifname "%3$s*" ct state established,related accept
				    iifname "%3$s*" reject with icmpx type admin-prohibited
				    iifname "%4$s*" ct state established,related accept
				    iifname "%4$s*" reject with icmpx type admin-prohibited
				  }
				  chain forward {
				    type filter hook forward priority -10; policy accept;
				    iifname "%2$s*" drop
				    oifname "%2$s*" drop
				    iifname "%3$s*" oifname != "%3$s*" drop
				    iifname "%4$s*" oifname != "%4$s*" drop
				  }
				}
				""".formatted(TABLE, LOCAL_PREFIX, INTERNAL_PREFIX, EDGE_PREFIX);
	}

	/** Installs the rules on this host; fails with what to install when nftables is missing. */
	static void install(Path workDir) {
		try {
			Files.createDirectories(workDir);
			Path file = workDir.resolve("sandbox-firewall.nft");
			Files.writeString(file, ruleset());
			StackNetworks.run(List.of("nft", "-f", file.toString()), false);
		}
		catch (IOException ex) {
			throw new StackProvisioningException("Cannot write the sandbox firewall's rules: " + ex.getMessage(), ex);
		}
		catch (StackProvisioningException ex) {
			throw new StackProvisioningException("The sandbox firewall could not be installed (" + ex.getMessage()
					+ "). Stacks need nftables: apt-get install nftables, and run the platform as root.", ex);
		}
	}

	/** True when the rules are in place on this host. */
	static boolean installed() {
		try {
			return StackNetworks.run(List.of("nft", "list", "table", "inet", TABLE), true).contains("reject");
		}
		catch (StackProvisioningException ex) {
			return false;
		}
	}

}
