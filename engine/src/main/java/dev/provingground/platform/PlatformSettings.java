package dev.provingground.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by every module.
 *
 * @param dataDir the directory under which embedded servers keep their data; a restart on the same directory keeps everything
 * @param nodeName this platform node's name in a cluster, as job logs and audits show it; defaults to the host name
 */
@ConfigurationProperties("provingground")
public record PlatformSettings(Path dataDir, String nodeName) {

	public PlatformSettings {
		dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
		nodeName = nodeName == null || nodeName.isBlank() ? hostName() : nodeName.strip();
	}

	/** The directory a module keeps its own data in, for example {@code postgres} or {@code opensearch}. */
	public Path dataDirOf(String module) {
		return dataDir.resolve(module);
	}

	/** This machine's host name, or {@code localhost} when it has none. */
	public static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

}
