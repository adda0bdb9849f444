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

	@ParameterizedTest(name = "sci={0} checks={1} rubric={2} endorsers={3} -> {4}")
	@CsvSource({ "0, false, false, 0, CLAIMED", //
			"90, false, false, 5, CLAIMED", // a high SCI proves nothing without a passed activity
			"10, true, false, 0, PRACTICED", //
			"59.9, true, true, 0, PRACTICED", // rubric passed but SCI below 60
			"60, false, true, 0, VERIFIED", //
			"74.9, true, true, 3, VERIFIED", // endorsed, but SCI below 75
			"75, true, true, 1, VERIFIED", // one endorser is not enough
			"75, true, true, 2, PEER_ENDORSED", //
			"100, false, false, 2, CLAIMED" // endorsements without a passed rubric do not make a tier
	})
	void decidesTheTierFromTheFigures(double sci, boolean checksPassed, boolean rubricPassed, int endorsers,
			Tier expected) {
		var result = dmn.evaluateDecisionTable(decision, Variables.createVariables()
			.putValue("sci", sci)
			.putValue("checksPassed", checksPassed)
			.putValue("rubricPassed", rubricPassed)
			.putValue("qualifiedEndorsers", endorsers));
		assertThat(Tier.fromDecision(result.getSingleEntry())).isEqualTo(expected);
	}

}
