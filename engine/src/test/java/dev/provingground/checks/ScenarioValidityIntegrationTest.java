package dev.provingground.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.provingground.catalog.Scenario;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario's checks judge real fixes right, on the real local provisioner: the broken starter fails, the
 * reference solution passes, each alternative correct fix in {@code validity/} passes, and each fake fix there fails
 * on the checks it names. A scenario of the tracks must ship at least one alternative and two fakes.
 */
class ScenarioValidityIntegrationTest {

	/** The package the platform's own tests use; CheckServiceIntegrationTest covers it. */
	private static final String TEST_SCENARIO = "item-lookup";

	/** -Dvalidity.scenarios=id,id narrows a developer's run to some scenarios; CI runs them all. */
	private static final List<String> ONLY = System.getProperty("validity.scenarios", "").isBlank() ? List.of()
			: List.of(System.getProperty("validity.scenarios").split(","));

	private static Path dir;

	private static LoadRunner runner;

	private static StackProvisioner provisioner;

	private static TelemetryService telemetry;

	private static CheckService checks;

	@BeforeAll
	static void start() throws IOException {
		dir = Files.createTempDirectory("validity-");
		runner = new LoadRunner();
		provisioner = ProvisioningFixtures.localProvisioner(dir.resolve("stacks"));
		telemetry = new TelemetryService(provisioner);
		checks = CheckFixtures.service(provisioner, runner, telemetry);
	}

	@AfterAll
	static void stop() {
		telemetry.shutdown();
		runner.close();
	}

	@TestFactory
	Stream<DynamicNode> everyScenarioJudgesRealAndFakeFixesRight() {
		List<Scenario> scenarios = ProvisioningFixtures.catalog()
			.scenarios()
			.stream()
			.filter(scenario -> !scenario.id().equals(TEST_SCENARIO))
			.filter(scenario -> ONLY.isEmpty() || ONLY.contains(scenario.id()))
			.toList();
		assertThat(ProvisioningFixtures.catalog().failures()).as("packages that failed to load").isEmpty();
		return scenarios.stream().map(scenario -> DynamicContainer.dynamicContainer(scenario.id(), tests(scenario)));
	}

	private Stream<DynamicNode> tests(Scenario scenario) {
		List<ValidityVariants.Variant> variants = ValidityVariants.of(scenario);
		List<DynamicNode> tests = new ArrayList<>();
		tests.add(DynamicTest.dynamicTest("ships an alternative fix and two fake fixes", () -> {
			assertThat(variants).filteredOn(ValidityVariants.Variant::correct).as("alternative correct fixes").isNotEmpty();
			assertThat(variants).filteredOn(variant -> !variant.correct()).as("fake fixes").hasSizeGreaterThanOrEqualTo(2);
		}));
		tests.add(DynamicTest.dynamicTest("the broken starter fails", () -> {
			// Failing any subset of the checks fails the whole set. The correctness checks are left out: sampling an
			// app that times out costs minutes and decides nothing, as every track's starter is broken under load.
			List<String> withoutCorrectness = scenario.checks().stream()
				.filter(spec -> !(spec instanceof dev.provingground.catalog.CheckSpec.HttpCheck))
				.map(dev.provingground.catalog.CheckSpec::id)
				.toList();
			CheckReport report = check(scenario.withOnlyChecks(withoutCorrectness), workspace -> {
			});
			assertThat(report.allPassed()).as("the starter passed every check but the correctness checks").isFalse();
		}));
		tests.add(DynamicTest.dynamicTest("the reference solution passes", () -> {
			CheckReport report = check(scenario, scenario::applySolutionTo);
			assertThat(report.verdicts()).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.checkId() + ": " + verdict.message()).isTrue());
		}));
		for (ValidityVariants.Variant variant : variants) {
			tests.add(DynamicTest.dynamicTest((variant.correct() ? "passes: " : "fails: ") + variant.name() + ", " + variant.why(), () -> {
				// A fake is checked by the checks that must catch it only: the others' verdicts decide nothing here.
				CheckReport report = check(variant.correct() ? scenario : onlyChecks(scenario, variant.caughtBy()),
						workspace -> ValidityVariants.apply(scenario, variant, workspace));
				if (variant.correct()) {
					assertThat(report.verdicts()).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.checkId() + ": " + verdict.message()).isTrue());
				}
				else {
					assertThat(report.verdicts()).as("the checks that must catch it").isNotEmpty();
					for (String checkId : variant.caughtBy()) {
						CheckVerdict verdict = report.verdict(checkId);
						assertThat(verdict.passed()).as(checkId + " must catch this fake fix: " + verdict.message()).isFalse();
						assertThat(verdict.message()).isNotBlank();
						assertThat(verdict.hint()).isNotBlank();
					}
				}
			}));
		}
		return tests.stream();
	}

	/** The scenario with only these of its checks, which must all exist. */
	private static Scenario onlyChecks(Scenario scenario, List<String> checkIds) {
		assertThat(checkIds).as("checks named by the variant").allSatisfy(id -> assertThat(scenario.check(id)).isPresent());
		return scenario.withOnlyChecks(checkIds);
	}

	private CheckReport check(Scenario scenario, java.util.function.Consumer<Path> change) {
		Path workspace = ProvisioningFixtures.workspace(scenario, dir);
		change.accept(workspace);
		Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "ada", workspace));
		try {
			CheckReport report = checks.run("ada", stack.id(), scenario, Map.of(), CheckListener.NONE);
			report.verdicts().forEach(verdict -> System.out.println(scenario.id() + " " + verdict.checkId() + ": "
					+ verdict.message() + (verdict.conditions() == null ? "" : " [" + verdict.conditions().describe() + "]")));
			return report;
		}
		finally {
			provisioner.tearDown(stack.id());
		}
	}

}
