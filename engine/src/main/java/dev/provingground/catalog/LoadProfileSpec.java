package dev.provingground.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.provingground.loadgen.LoadModel;
import dev.provingground.loadgen.LoadProfile;
import dev.provingground.loadgen.RequestTemplate;

/**
 * A load profile as the manifest declares it; its placeholders get values when a run starts.
 *
 * @param rateScaling null for a rate that is the same on every host
 */
public record LoadProfileSpec(LoadModel model, int rate, int users, Duration warmUp, Duration duration,
		Duration timeout, List<RequestTemplate> mix, RateScaling rateScaling) {

	/** The most a host's speed may move a declared rate, either way: beyond it the probe is more likely wrong. */
	public static final double MAX_RATE_FACTOR = 4;

	public LoadProfileSpec {
		mix = List.copyOf(mix);
	}

	/**
	 * An open profile's rate that follows the host's speed (ADR 0026): the declared rate holds where one unit of the
	 * scenario's work costs {@code referenceMillis} of CPU, and scales by how much cheaper or dearer it is on this host
	 * now. A scenario whose lesson is a CPU ceiling needs this: the load must be beyond one unit of capacity and within
	 * the fix on every host, and hosts differ by more than that margin.
	 *
	 * @param probe the scenario's program (command and package script) that prints {@code {"unit_ms": ...}}, the CPU
	 * milliseconds one unit of its work costs here
	 */
	public record RateScaling(List<String> probe, double referenceMillis) {

		public RateScaling {
			probe = List.copyOf(probe);
		}

	}

	/** The rate on a host where a unit of work costs {@code unitMillis}; the declared one for a profile without scaling. */
	public int rateAt(double unitMillis) {
		if (rateScaling == null || !(unitMillis > 0)) {
			return rate;
		}
		double factor = Math.max(1 / MAX_RATE_FACTOR,
				Math.min(MAX_RATE_FACTOR, rateScaling.referenceMillis() / unitMillis));
		return Math.max(1, (int) Math.round(rate * factor));
	}

	/** @throws dev.provingground.loadgen.InvalidLoadProfileException when the profile cannot run */
	public LoadProfile toProfile(Map<String, List<String>> variables) {
		return toProfile(variables, rate);
	}

	/** The profile at a rate of this host's ({@link #rateAt}). */
	public LoadProfile toProfile(Map<String, List<String>> variables, int hostRate) {
		return new LoadProfile(model, hostRate, users, warmUp, duration, timeout, mix, variables);
	}

}
