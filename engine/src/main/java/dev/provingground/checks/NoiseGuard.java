package dev.provingground.checks;

import java.time.Duration;
import java.util.Optional;

import dev.provingground.load.SpeedDuringLoad;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.CpuStall;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Tells a clean measured window from a noisy one: in a noisy window something outside the stack held the CPUs its
 * tasks were waiting for, or the load generator's, so a latency or telemetry failure may be the neighbours' doing,
 * not the learner's (ADR 0019).
 */
@Component
@EnableConfigurationProperties(NoiseSettings.class)
class NoiseGuard {

	/** The window a re-run waits for calm in: short, so the re-run starts soon after the neighbour stops. */
	private static final Duration CALM_PROBE = Duration.ofSeconds(1);

	private final StackProvisioner provisioner;

	private final NoiseSettings settings;

	NoiseGuard(StackProvisioner provisioner, NoiseSettings settings) {
		this.provisioner = provisioner;
		this.settings = settings;
	}

	/** The start of a measured window: the stack's stalls, the load generator's wait and this process's CPU so far. */
	record Opened(CpuStall stack, long generatorWaitNanos, long processCpuNanos) {
	}

	Opened open(Stack stack) {
		return new Opened(provisioner.cpuStall(stack.id()), LoadRunner.cpuWaitNanos(), processCpuNanos());
	}

	/**
	 * The CPU time this process has used: the measurement's own (load generator, telemetry, the checks' requests, the
	 * garbage they make), -1 where the JVM does not say.
	 */
	private static long processCpuNanos() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof
				com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
	}

	/**
	 * The conditions since {@code opened}.
	 * @param speed the host's speed around the window, where the load's rate follows it
	 */
	MeasuredConditions close(Stack stack, Opened opened, long queuedMillis, int reruns, Optional<SpeedDuringLoad> speed) {
		CpuStall.Window window = provisioner.cpuStall(stack.id()).since(opened.stack());
		long generatorNow = LoadRunner.cpuWaitNanos();
		Double generatorWait = generatorNow < 0 || opened.generatorWaitNanos() < 0 ? null
				: Math.max(0, generatorNow - opened.generatorWaitNanos()) / (window.seconds() * 1e9);
		long processNow = processCpuNanos();
		long measuringMicros = processNow < 0 || opened.processCpuNanos() < 0 ? 0
				: Math.max(0, processNow - opened.processCpuNanos()) / 1000;
		Double taken = window.cpuTaken(measuringMicros);
		// Where nothing tells the stack's own waiting from a neighbour's doing (Docker), the generator's wait is still
		// the platform's to see.
		Double drift = speed.map(SpeedDuringLoad::drift).orElse(null);
		// A host slower than the rate assumed makes a failure noise, one faster makes a pass suspect; NaN (unknown)
		// is neither clean nor suspect.
		boolean steadySpeed = drift == null || (drift <= settings.maxSpeedDrift() && drift >= 1 / settings.maxSpeedDrift());
		boolean sizedForHost = drift == null || !(drift < 1 / settings.maxSpeedDrift());
		boolean clean = (taken == null || taken <= settings.maxCpuTaken())
				&& (generatorWait == null || generatorWait <= settings.maxGeneratorWait()) && steadySpeed;
		return new MeasuredConditions(taken, generatorWait, window.stackSome(), window.hostSome(), window.throttled(),
				queuedMillis, reruns, speed.map(SpeedDuringLoad::rate).orElse(null), drift, sizedForHost, clean);
	}

	int maxReruns() {
		return settings.maxReruns();
	}

	/**
	 * Waits until the host is calm over a short probe, or the calm wait is over. The stack itself is idle meanwhile,
	 * so the probe looks at the host.
	 */
	void awaitCalm() {
		long deadline = System.nanoTime() + settings.calmWait().toNanos();
		while (System.nanoTime() < deadline) {
			CpuStall before = CpuStall.ofHost();
			try {
				Thread.sleep(CALM_PROBE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			Double pressure = CpuStall.ofHost().since(before).hostSome();
			if (pressure == null || pressure < settings.calmHostPressure()) {
				return;
			}
		}
	}

}
