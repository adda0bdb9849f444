package dev.provingground.loadgen;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where load goes: a loopback address, or an address in {@code network}, the IPv4 network of the namespaces that the
 * platform made for its stacks on this machine. Nothing else is accepted, so a run never sends traffic off the machine.
 *
 * @param network a CIDR such as {@code 10.213.0.0/16}, or null for loopback only
 */
public record LoadTarget(String host, int port, String network) {

	public LoadTarget {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port " + port + " is not a TCP port");
		}
		try {
			InetAddress address = InetAddress.getByName(host);
			if (!address.isLoopbackAddress() && !(network != null && within(address, network))) {
				throw new IllegalArgumentException("load may only target loopback addresses"
						+ (network == null ? "" : " or the stacks' network " + network) + ", not " + host);
			}
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("unknown host " + host, ex);
		}
	}

	/** A target on loopback. */
	public LoadTarget(String host, int port) {
		this(host, port, null);
	}

	private static boolean within(InetAddress address, String network) throws UnknownHostException {
		String[] parts = network.split("/");
		if (!(address instanceof Inet4Address) || parts.length != 2) {
			return false;
		}
		int prefix = Integer.parseInt(parts[1]);
		int mask = prefix == 0 ? 0 : (int) (0xFFFFFFFFL << (32 - prefix));
		return (toInt(address) & mask) == (toInt(InetAddress.getByName(parts[0])) & mask);
	}

	private static int toInt(InetAddress address) {
		byte[] bytes = address.getAddress();
		return ((bytes[0] & 255) << 24) | ((bytes[1] & 255) << 16) | ((bytes[2] & 255) << 8) | (bytes[3] & 255);
	}

}
