package dev.provingground.sci;

import java.io.InputStream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped sci-tier.dmn, evaluated by Camunda's DMN engine alone, against the tier rules in DESIGN.md. */
class SciTierDecisionTest {

	private static DmnEngine dmn;

	private static DmnDecision decision;

	@BeforeAll
	static void parseDecision() throws Exception {
		dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream model = SciTierDecisionTest.class.getResourceAsStream("/processes/sci-tier.dmn")) {
			decision = dmn.parseDecision("sci-tier", model);
		}
	}

	/**
	 * Columns: SCI, checks passed, reviewed passes, their reviewers, their concepts, activities, qualified endorsers.
	 */
	@ParameterizedTest(name = "sci={0} checks={1} passes={2} reviewers={3} concepts={4} activities={5} endorsers={6} -> {7}")
	@CsvSource({ "0, false, 0, 0, 0, 0, 0, CLAIMED", //
			"90, false, 0, 0, 0, 0, 5, CLAIMED", // a high SCI proves nothing without a passed activity
			"10, true, 0, 0, 0, 1, 0, PRACTICED", //
			"65, true, 1, 1, 2, 1, 0, PRACTICED", // one reviewed activity is not Verified, whatever its concepts
			"65, true, 2, 1, 2, 2, 0, PRACTICED", // two passes by one reviewer
			"65, true, 2, 2, 1, 2, 0, PRACTICED", // two passes on one concept
			"59.9, true, 2, 2, 2, 2, 0, PRACTICED", // breadth, but SCI below 60
			"60.01, true, 2, 2, 2, 2, 0, VERIFIED", //
			"60, false, 3, 2, 4, 3, 0, VERIFIED", // peer sessions alone: reviewed, no automated checks
			"74.9, true, 3, 3, 3, 3, 3, VERIFIED", // endorsed, but SCI below 75
			"80, true, 3, 3, 3, 3, 1, VERIFIED", // one endorser is not enough
			"80, true, 2, 2, 2, 2, 2, VERIFIED", // endorsed, but only two activities
			"75, true, 3, 2, 2, 3, 2, PEER_ENDORSED", //
			"100, false, 0, 0, 0, 0, 2, CLAIMED" // endorsements without a passed rubric do not make a tier
	})
	void decidesTheTierFromTheFigures(double sci, boolean checksPassed, int passes, int reviewers, int concepts,
			int activities, int endorsers, Tier expected) {
		var figures = new SkillFigures(sci, checksPassed, passes > 0, passes, reviewers, concepts, activities, endorsers);
		var result = dmn.evaluateDecisionTable(decision, Variables.fromMap(figures.decisionInputs()));
		assertThat(Tier.fromDecision(result.getSingleEntry())).isEqualTo(expected);
	}

}
