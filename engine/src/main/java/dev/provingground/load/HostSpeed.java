package dev.provingground.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.LoadProfileSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much CPU one unit of a scenario's work costs on this host, for the load profiles whose rate follows the host's
 * speed (ADR 0026). The probe runs right before a profile starts, and the cheapest cost it has read on this node sets
 * the rate: a busy host can only make a unit dearer, so the cheapest reading is the host at its fastest, and the load
 * stays beyond one unit of capacity however slow the host was while the probe ran. The probe runs again after the
 * profile, so that a window in which the host ran far slower (or faster) than the rate assumed can be told.
 */
class HostSpeed {

	private static final Logger log = LoggerFactory.getLogger(HostSpeed.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

	/** The stacks whose last readings are kept: more than a node measures at once. */
	private static final int KEPT_STACKS = 256;

	private static final ObjectMapper JSON = new ObjectMapper();

	private record Probe(Path packageDir, List<String> command) {
	}

	/** What the stack's last rate came from. */
	private record Sizing(Probe probe, double unitMillis, int rate) {
	}

	private final Map<Probe, Double> cheapestMillis = new ConcurrentHashMap<>();

	private final Map<UUID, Sizing> lastSizings = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, Sizing> eldest) {
			return size() > KEPT_STACKS;
		}
	});

	/**
	 * The profile's rate on this host.
	 * @throws IllegalStateException when the probe fails and has never read this host
	 */
	int rateOf(UUID stackId, String scenarioId, Path packageDir, String profileName, LoadProfileSpec spec) {
		if (spec.rateScaling() == null) {
			lastSizings.remove(stackId);
			return spec.rate();
		}
		Probe probe = new Probe(packageDir, spec.rateScaling().probe());
		double unitMillis;
		try {
			unitMillis = cheapestMillis.merge(probe, measure(probe), Math::min);
		}
		catch (IOException ex) {
			Double earlier = cheapestMillis.get(probe);
			if (earlier == null) {
				throw new IllegalStateException("the scenario's speed probe " + probe.command() + " failed: "
						+ ex.getMessage(), ex);
			}
			log.warn("Scenario {}: the speed probe failed ({}); its cheapest earlier reading sets the rate", scenarioId,
					ex.getMessage());
			unitMillis = earlier;
		}
		int rate = spec.rateAt(unitMillis);
		lastSizings.put(stackId, new Sizing(probe, unitMillis, rate));
		log.info("Scenario {}: a unit of its work costs {} ms of CPU here at the cheapest, so '{}' runs at {} a second "
				+ "(declared {} where it costs {} ms)", scenarioId, unitMillis, profileName, rate, spec.rate(),
				spec.rateScaling().referenceMillis());
		return rate;
	}

	/**
	 * The stack's last rate that followed the host's speed, with the host read again now (NaN when the probe fails);
	 * empty when its last profile had a fixed rate.
	 */
	Optional<SpeedDuringLoad> readAgain(UUID stackId) {
		Sizing before = lastSizings.remove(stackId);
		if (before == null) {
			return Optional.empty();
		}
		try {
			double after = measure(before.probe());
			cheapestMillis.merge(before.probe(), after, Math::min);
			return Optional.of(new SpeedDuringLoad(before.rate(), before.unitMillis(), after));
		}
		catch (IOException ex) {
			log.warn("The speed probe {} failed after a load run: {}", before.probe().command(), ex.getMessage());
			return Optional.of(new SpeedDuringLoad(before.rate(), before.unitMillis(), Double.NaN));
		}
	}

	/** Runs the probe once: its last line is {@code {"unit_ms": ...}}. */
	private static double measure(Probe probe) throws IOException {
		Process process = new ProcessBuilder(probe.command()).directory(probe.packageDir().toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try {
			if (!process.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IOException("it did not finish within " + PROBE_TIMEOUT.toSeconds() + " s");
			}
			if (process.exitValue() != 0) {
				throw new IOException("it exited with " + process.exitValue());
			}
			List<String> lines = output.join().lines().filter(line -> !line.isBlank()).toList();
			JsonNode unit = lines.isEmpty() ? null : JSON.readTree(lines.get(lines.size() - 1)).get("unit_ms");
			if (unit == null || !unit.isNumber() || !(unit.asDouble() > 0) || Double.isInfinite(unit.asDouble())) {
				throw new IOException("its last line must be {\"unit_ms\": <a positive number>}, not "
						+ (lines.isEmpty() ? "nothing" : lines.get(lines.size() - 1)));
			}
			return unit.asDouble();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("it was stopped", ex);
		}
		catch (UncheckedIOException | java.util.concurrent.CompletionException ex) {
			throw new IOException("its output could not be read", ex);
		}
		finally {
			process.destroyForcibly();
		}
	}

}
