package dev.provingground.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.catalog.Scenario;
import dev.provingground.load.LoadService;
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

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
		checks = new CheckService(dev.provingground.load.LoadFixtures.service(provisioner, runner), telemetry);
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
		List<Variant> variants = variants(scenario);
		List<DynamicNode> tests = new ArrayList<>();
		tests.add(DynamicTest.dynamicTest("ships an alternative fix and two fake fixes", () -> {
			assertThat(variants).filteredOn(Variant::correct).as("alternative correct fixes").isNotEmpty();
			assertThat(variants).filteredOn(variant -> !variant.correct()).as("fake fixes").hasSizeGreaterThanOrEqualTo(2);
		}));
		tests.add(DynamicTest.dynamicTest("the broken starter fails", () -> {
			CheckReport report = check(scenario, workspace -> {
			});
			assertThat(report.allPassed()).as("the starter passed every check").isFalse();
		}));
		tests.add(DynamicTest.dynamicTest("the reference solution passes", () -> {
			CheckReport report = check(scenario, scenario::applySolutionTo);
			assertThat(report.verdicts()).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.checkId() + ": " + verdict.message()).isTrue());
		}));
		for (Variant variant : variants) {
			tests.add(DynamicTest.dynamicTest((variant.correct() ? "passes: " : "fails: ") + variant.name() + ", " + variant.why(), () -> {
				CheckReport report = check(scenario, workspace -> {
					Path solution = scenario.packageDir().resolve(scenario.solution());
					variant.fromSolution().forEach(file -> copy(solution.resolve(file), workspace.resolve(file)));
					overlay(variant.dir(), workspace);
				});
				if (variant.correct()) {
					assertThat(report.verdicts()).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.checkId() + ": " + verdict.message()).isTrue());
				}
				else {
					assertThat(report.allPassed()).as("a fake fix passed every check").isFalse();
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

	private CheckReport check(Scenario scenario, java.util.function.Consumer<Path> change) {
		Path workspace = ProvisioningFixtures.workspace(scenario, dir);
		change.accept(workspace);
		Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "ada", workspace));
		try {
			CheckReport report = checks.run("ada", stack.id(), scenario, Map.of(), CheckListener.NONE);
			report.verdicts().forEach(verdict -> System.out.println(scenario.id() + " " + verdict.checkId() + ": " + verdict.message()));
			return report;
		}
		finally {
			provisioner.tearDown(stack.id());
		}
	}

	/**
	 * A variant is a folder {@code validity/<name>/} whose files are laid over the starter, and an {@code expect.yaml}:
	 * {@code kind: alternative-fix} (must pass every check) or {@code kind: fake-fix} with {@code caught_by}, the
	 * checks that must fail, and {@code why}, what the fake does. {@code from_solution} lists files of the reference
	 * solution the variant takes as they are, so that a fake that is "half the solution" needs no copy of it.
	 */
	record Variant(String name, Path dir, boolean correct, String why, List<String> caughtBy, List<String> fromSolution) {
	}

	private static List<Variant> variants(Scenario scenario) {
		Path validity = scenario.packageDir().resolve("validity");
		if (!Files.isDirectory(validity)) {
			return List.of();
		}
		try (Stream<Path> dirs = Files.list(validity)) {
			List<Variant> variants = new ArrayList<>();
			for (Path variantDir : dirs.filter(Files::isDirectory).sorted().toList()) {
				JsonNode expect = YAML.readTree(variantDir.resolve("expect.yaml").toFile());
				String kind = expect.path("kind").asText();
				assertThat(kind).as(variantDir + "/expect.yaml kind").isIn("alternative-fix", "fake-fix");
				List<String> caughtBy = new ArrayList<>();
				expect.path("caught_by").forEach(check -> caughtBy.add(check.asText()));
				List<String> fromSolution = new ArrayList<>();
				expect.path("from_solution").forEach(file -> fromSolution.add(file.asText()));
				if (kind.equals("fake-fix")) {
					assertThat(caughtBy).as(variantDir + "/expect.yaml caught_by").isNotEmpty();
					caughtBy.forEach(check -> assertThat(scenario.check(check)).as("check " + check).isPresent());
				}
				variants.add(new Variant(variantDir.getFileName().toString(), variantDir, kind.equals("alternative-fix"),
						expect.path("why").asText(), caughtBy, fromSolution));
			}
			return variants;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void overlay(Path variantDir, Path workspace) {
		try (Stream<Path> files = Files.walk(variantDir)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path relative = variantDir.relativize(file);
				if (relative.toString().equals("expect.yaml")) {
					continue;
				}
				copy(file, workspace.resolve(relative.toString()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path from, Path to) {
		try {
			Files.createDirectories(to.getParent());
			Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(from + " cannot be copied: " + ex.getMessage(), ex);
		}
	}

}
