package dev.provingground.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where load goes. Only loopback addresses are accepted, so a run can never send traffic off the machine. */
public record LoadTarget(String host, int port) {

	public LoadTarget {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port " + port + " is not a TCP port");
		}
		try {
			if (!InetAddress.getByName(host).isLoopbackAddress()) {
				throw new IllegalArgumentException("load may only target loopback addresses, not " + host);
			}
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("unknown host " + host, ex);
		}
	}

}
