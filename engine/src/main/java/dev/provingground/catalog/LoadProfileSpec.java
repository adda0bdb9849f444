package dev.provingground.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.provingground.loadgen.LoadModel;
import dev.provingground.loadgen.LoadProfile;
import dev.provingground.loadgen.RequestTemplate;

/** A load profile as the manifest declares it; its placeholders get values when a run starts. */
public record LoadProfileSpec(LoadModel model, int rate, int users, Duration warmUp, Duration duration,
		Duration timeout, List<RequestTemplate> mix) {

	public LoadProfileSpec {
		mix = List.copyOf(mix);
	}

	/** @throws dev.provingground.loadgen.InvalidLoadProfileException when the profile cannot run */
	public LoadProfile toProfile(Map<String, List<String>> variables) {
		return new LoadProfile(model, rate, users, warmUp, duration, timeout, mix, variables);
	}

}
