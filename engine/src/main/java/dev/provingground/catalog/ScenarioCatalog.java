package dev.provingground.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * The scenario packages found in the scenarios folder. A package that fails validation is reported and skipped; it
 * never stops the platform or the other packages.
 */
@Service
@EnableConfigurationProperties(CatalogSettings.class)
public class ScenarioCatalog {

	private static final Logger log = LoggerFactory.getLogger(ScenarioCatalog.class);

	private final Path dir;

	private volatile Contents contents;

	ScenarioCatalog(CatalogSettings settings) {
		this.dir = settings.path();
		reload();
	}

	/** A catalog of the packages in a folder, outside the application context (tools and tests). */
	public static ScenarioCatalog of(Path dir) {
		return new ScenarioCatalog(new CatalogSettings(dir.toString()));
	}

	/** Reads every package again, for example after an author changed one. */
	public final synchronized void reload() {
		List<Scenario> scenarios = new ArrayList<>();
		List<PackageFailure> failures = new ArrayList<>();
		for (Path packageDir : packageDirs()) {
			String name = packageDir.getFileName().toString();
			try {
				scenarios.add(ManifestReader.read(packageDir, fingerprint(packageDir)));
			}
			catch (InvalidScenarioException ex) {
				log.warn("Skipping an invalid {}", ex.getMessage());
				failures.add(new PackageFailure(name, ex.problems()));
			}
		}
		scenarios.sort(Comparator.comparingInt(Scenario::track).thenComparing(Scenario::id));
		contents = new Contents(List.copyOf(scenarios), List.copyOf(failures));
		log.info("Scenario catalog: {} package(s) loaded from {}, {} skipped", scenarios.size(), dir, failures.size());
	}

	/** The valid packages, by track, then id. */
	public List<Scenario> scenarios() {
		return contents.scenarios();
	}

	public Optional<Scenario> find(String scenarioId) {
		return contents.scenarios().stream().filter(scenario -> scenario.id().equals(scenarioId)).findFirst();
	}

	/** @throws UnknownScenarioException when no valid package has this id */
	public Scenario get(String scenarioId) {
		return find(scenarioId).orElseThrow(() -> new UnknownScenarioException(scenarioId, contents.failures()));
	}

	/** The packages that failed to load, with their problems. */
	public List<PackageFailure> failures() {
		return contents.failures();
	}

	private List<Path> packageDirs() {
		if (!Files.isDirectory(dir)) {
			log.warn("The scenarios folder {} does not exist; the catalog is empty", dir);
			return List.of();
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.filter(Files::isDirectory)
				.filter(path -> !path.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

	/** A digest of every file's path and content: the version under which seed data and npm installs are cached. */
	static String fingerprint(Path packageDir) {
		try (Stream<Path> files = Files.walk(packageDir)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			List<Path> sorted = files.filter(Files::isRegularFile)
				.filter(file -> !packageDir.relativize(file).toString().contains("node_modules"))
				.sorted()
				.toList();
			for (Path file : sorted) {
				digest.update(packageDir.relativize(file).toString().getBytes());
				digest.update((byte) 0);
				digest.update(Files.readAllBytes(file));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + packageDir, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Contents(List<Scenario> scenarios, List<PackageFailure> failures) {
	}

}
