package dev.provingground.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.provingground.catalog.LoadProfileSpec;
import dev.provingground.catalog.Scenario;
import dev.provingground.catalog.ScenarioCatalog;
import dev.provingground.loadgen.LoadModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scenario's speed probe runs as a real process, and sets the rate from what it prints. */
class HostSpeedTest {

	@TempDir
	Path dir;

	private final HostSpeed speed = new HostSpeed();

	private final UUID stack = UUID.randomUUID();

	@Test
	void theCheapestReadingSetsTheRateAndTheReadingAfterTheRunShowsHowMuchSlowerTheHostRan() throws IOException {
		// A probe that reads 3 ms a unit, then 4.5 (the host got busier), then 1 (it got faster than ever).
		Files.writeString(dir.resolve("count"), "0");
		probe("const fs = require('fs'); const n = Number(fs.readFileSync('count', 'utf8'));\n"
				+ "fs.writeFileSync('count', String(n + 1)); console.log('warming up');\n"
				+ "console.log(JSON.stringify({ unit_ms: [3, 4.5, 4.5, 1, 1][n] }));\n");

		int rate = speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5));

		assertThat(rate).as("a unit twice as dear as the reference's: half the rate").isEqualTo(100);
		SpeedDuringLoad around = speed.readAgain(stack).orElseThrow();
		assertThat(around.rate()).isEqualTo(100);
		assertThat(around.sizedForMillis()).isEqualTo(3);
		assertThat(around.unitMillisAfter()).isEqualTo(4.5);
		assertThat(around.drift()).isEqualTo(1.5);
		assertThat(speed.readAgain(stack)).as("each run is read again once").isEmpty();

		assertThat(speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5)))
			.as("a dearer reading (the host is busy) does not lower the load").isEqualTo(100);
		assertThat(speed.readAgain(stack).orElseThrow().drift()).isEqualTo(1 / 3.0);
		assertThat(speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5))).as("the cheapest reading so far")
			.isEqualTo(300);
	}

	@Test
	void aFixedRateRunsNoProbeAndLeavesNothingToReadAgain() throws IOException {
		probe("console.log(JSON.stringify({ unit_ms: 3 }));\n");
		speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5));

		assertThat(speed.rateOf(stack, "test", dir, "baseline", new LoadProfileSpec(LoadModel.OPEN, 40, 0, Duration.ZERO,
				Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(), null))).isEqualTo(40);
		assertThat(speed.readAgain(stack)).as("the fixed-rate run after the scaled one").isEmpty();
	}

	@Test
	void aProbeThatPrintsNoCostIsAReadableFailure() throws IOException {
		probe("console.log('fast enough');\n");

		assertThatThrownBy(() -> speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("the scenario's speed probe [node, cost.js] failed");

		probe("console.log(JSON.stringify({ unit_ms: -2 }));\n");
		assertThatThrownBy(() -> speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5)))
			.hasMessageContaining("its last line must be {\"unit_ms\": <a positive number>}, not {\"unit_ms\":-2}");

		probe("process.exit(3);\n");
		assertThatThrownBy(() -> speed.rateOf(stack, "test", dir, "peak", spec(200, 1.5)))
			.hasMessageContaining("it exited with 3");
	}

	@Test
	void theScenarioFourProbeMeasuresTheSigningCostOfThisHost() {
		Scenario scenario = ScenarioCatalog.of(Path.of("../scenarios").toAbsolutePath().normalize())
			.get("scenario-04-horizontal-scaling");
		LoadProfileSpec peak = scenario.loadProfiles().get("peak");

		int rate = speed.rateOf(stack, scenario.id(), scenario.packageDir(), "peak", peak);
		SpeedDuringLoad around = speed.readAgain(stack).orElseThrow();

		// A key derivation of 12,000 SHA-256 rounds costs a fraction of a millisecond to tens of them on any host.
		assertThat(around.sizedForMillis()).isBetween(0.2, 50.0);
		assertThat(rate).isEqualTo(peak.rateAt(around.sizedForMillis()));
		assertThat(around.drift()).as("two readings a moment apart on a quiet host").isBetween(0.5, 2.0);
	}

	private void probe(String script) throws IOException {
		Files.writeString(dir.resolve("cost.js"), script);
	}

	private static LoadProfileSpec spec(int rate, double referenceMillis) {
		return new LoadProfileSpec(LoadModel.OPEN, rate, 0, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
				List.of(), new LoadProfileSpec.RateScaling(List.of("node", "cost.js"), referenceMillis));
	}

}
