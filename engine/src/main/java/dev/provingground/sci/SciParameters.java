package dev.provingground.sci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.platform.YamlFields;

/**
 * The SCI model's parameters, from {@code rubrics/sci.yaml}: each component's maximum and shape. The maxima must add
 * up to 100.
 *
 * @param proofPriorMean the score of the pseudo-activities that the mean score is shrunk towards, in [0,1]
 * @param proofPriorWeight how many pseudo-activities: with w, one activity moves Proof 1 / (1 + w) of the way from the
 * prior to its own score; 0 is the plain mean
 * @param scoredActivitiesForSpread the fewest scored activities whose spread says anything: below it, consistency is
 * unknown and earns no Reliability
 */
public record SciParameters(double practiceMax, double practiceScale, double proofMax, int proofRecentActivities,
		double proofPriorMean, double proofPriorWeight, double reliabilityMax, int reviewersForFull,
		double spreadFactor, int scoredActivitiesForSpread, double freshnessMax, double halfLifeDays) {

	static final String FILE = "sci.yaml";

	/** @throws IllegalStateException naming every problem, when the file cannot be used */
	public static SciParameters read(Path file) {
		List<String> problems = new ArrayList<>();
		YamlFields fields = new YamlFields((field, message) -> problems.add(FILE + ": " + field + ": " + message));
		JsonNode root;
		try {
			root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException(FILE + ": cannot be read: " + ex.getMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new IllegalStateException(FILE + ": must be a mapping of practice, proof, reliability and freshness");
		}
		fields.allowOnly(root, "", "practice", "proof", "reliability", "freshness");
		JsonNode practice = section(fields, root, "practice", "max", "scale");
		JsonNode proof = section(fields, root, "proof", "max", "recent_activities", "prior_mean", "prior_weight");
		JsonNode reliability = section(fields, root, "reliability", "max", "reviewers_for_full", "spread_factor",
				"scored_activities_for_spread");
		JsonNode freshness = section(fields, root, "freshness", "max", "half_life_days");
		Double practiceMax = practice == null ? null : fields.number(practice, "practice", "max", true, 0, 100);
		Double practiceScale = practice == null ? null : fields.number(practice, "practice", "scale", true, 0.1, 1000);
		Double proofMax = proof == null ? null : fields.number(proof, "proof", "max", true, 0, 100);
		Integer recent = proof == null ? null : fields.integer(proof, "proof", "recent_activities", true, 1, 1000);
		Double priorMean = proof == null ? null : fields.number(proof, "proof", "prior_mean", true, 0, 1);
		Double priorWeight = proof == null ? null : fields.number(proof, "proof", "prior_weight", true, 0, 100);
		Double reliabilityMax = reliability == null ? null : fields.number(reliability, "reliability", "max", true, 0, 100);
		Integer reviewers = reliability == null ? null
				: fields.integer(reliability, "reliability", "reviewers_for_full", true, 1, 100);
		Double spread = reliability == null ? null
				: fields.number(reliability, "reliability", "spread_factor", true, 0, 100);
		Integer forSpread = reliability == null ? null
				: fields.integer(reliability, "reliability", "scored_activities_for_spread", true, 1, 100);
		Double freshnessMax = freshness == null ? null : fields.number(freshness, "freshness", "max", true, 0, 100);
		Double halfLife = freshness == null ? null
				: fields.number(freshness, "freshness", "half_life_days", true, 1, 10_000);
		if (problems.isEmpty() && Math.abs(practiceMax + proofMax + reliabilityMax + freshnessMax - 100) > 1e-9) {
			problems.add(FILE + ": the maxima of practice, proof, reliability and freshness add up to "
					+ YamlFields.format(practiceMax + proofMax + reliabilityMax + freshnessMax) + ", not 100");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException(String.join("\n", problems));
		}
		return new SciParameters(practiceMax, practiceScale, proofMax, recent, priorMean, priorWeight, reliabilityMax,
				reviewers, spread, forSpread, freshnessMax, halfLife);
	}

	private static JsonNode section(YamlFields fields, JsonNode root, String name, String... keys) {
		JsonNode section = root.get(name);
		if (!fields.requireObject(section, name)) {
			return null;
		}
		fields.allowOnly(section, name, keys);
		return section;
	}

}
