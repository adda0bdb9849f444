package dev.provingground.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.provingground.ProvingGroundApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole platform for a benchmark's main: real PostgreSQL and OpenSearch on a fresh data directory, which is
 * deleted when the context closes, plus any configuration the benchmark adds.
 */
public final class BenchmarkApplication {

	private BenchmarkApplication() {
	}

	public static ConfigurableApplicationContext start(List<Class<?>> extraSources, String... args) {
		Path dataDir = TemporaryDataDirectory.newDataDirectory();
		List<Class<?>> sources = new ArrayList<>(List.of(ProvingGroundApplication.class));
		sources.addAll(extraSources);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--provingground.data-dir=" + dataDir,
				"--provingground.scenarios.dir=../scenarios", "--provingground.rubrics.dir=../rubrics",
				"--logging.level.root=WARN"));
		arguments.addAll(List.of(args));
		var context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(arguments.toArray(String[]::new));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dataDir.toFile())));
		return context;
	}

}
