package dev.provingground.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by every module.
 *
 * @param dataDir the directory under which embedded servers keep their data; a restart on the same directory keeps everything
 */
@ConfigurationProperties("provingground")
public record PlatformSettings(Path dataDir) {

	public PlatformSettings {
		dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
	}

	/** The directory a module keeps its own data in, for example {@code postgres} or {@code opensearch}. */
	public Path dataDirOf(String module) {
		return dataDir.resolve(module);
	}

}
