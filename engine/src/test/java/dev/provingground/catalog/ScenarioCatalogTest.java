package dev.provingground.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.provingground.catalog.CheckSpec.LoadMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioCatalogTest {

	static final Path SCENARIOS = Path.of("../scenarios").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	@Test
	void readsTheTestScenario() {
		ScenarioCatalog catalog = ScenarioCatalog.of(SCENARIOS);

		Scenario scenario = catalog.get("item-lookup");

		assertThat(scenario.track()).isEqualTo(1);
		assertThat(scenario.level()).isEqualTo("crawling");
		assertThat(scenario.concepts()).contains("Database Indexes");
		assertThat(scenario.stack().database().connectionLimit()).isEqualTo(20);
		assertThat(scenario.loadProfiles()).containsKeys("baseline", "check");
		assertThat(scenario.checks()).extracting(CheckSpec::id)
			.containsExactly("lookup-is-fast", "lookup-uses-an-index", "lookup-returns-the-real-item",
					"connections-within-budget");
		assertThat(((CheckSpec.LoadCheck) scenario.checks().get(0)).assertions().get(LoadMetric.P95_MS).max())
			.isEqualTo(25.0);
		assertThat(scenario.version()).hasSize(16);
		assertThat(catalog.failures()).isEmpty();
	}

	@Test
	void theVersionChangesWhenAnyFileChanges() throws IOException {
		Path copy = copyOfTestScenario();
		String before = ScenarioCatalog.fingerprint(copy);
		Files.writeString(copy.resolve("app/server.js"), "\n// changed\n", java.nio.file.StandardOpenOption.APPEND);

		assertThat(ScenarioCatalog.fingerprint(copy)).isNotEqualTo(before);
	}

	@Test
	void malformedYamlNamesTheFileAndLine() throws IOException {
		Path copy = copyOfTestScenario();
		Files.writeString(copy.resolve("scenario.yaml"), "id: item-lookup\ntitle: [unclosed\nlevel: crawling\n");

		assertThatThrownBy(() -> ManifestReader.read(copy, "v1")).isInstanceOf(InvalidScenarioException.class)
			.hasMessageContaining("scenario.yaml: is not valid YAML (line ");
	}

	@Test
	void anUnknownCheckKindNamesTheFieldAndTheKindsThatExist() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "kind: sql", "kind: smoke");

		assertThatThrownBy(() -> ManifestReader.read(copy, "v1"))
			.hasMessageContaining("scenario.yaml: checks[1].kind: 'smoke' is not a check kind; use load, http, sql or telemetry");
	}

	@Test
	void everyProblemIsReportedAtOnce() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "level: crawling", "level: flying");
		replaceInManifest(copy, "seed: [db/seed.sql]", "seed: [db/missing.sql]");
		replaceInManifest(copy, "    replicas: 1", "    replica: 1");
		replaceInManifest(copy, "p95_ms: { max: 25 }", "p95_ms: { max: fast }");
		replaceInManifest(copy, "profile: check\n    assert:\n      max_db", "profile: nightly\n    assert:\n      max_db");

		InvalidScenarioException invalid = (InvalidScenarioException) catchThrowable(copy);

		assertThat(invalid.problems()).extracting(ManifestProblem::toString)
			.contains("scenario.yaml: level: must be one of [crawling, running, sprinting, walking], not 'flying'",
					"scenario.yaml: stack.database.seed[0]: file 'db/missing.sql' does not exist in the package",
					"scenario.yaml: checks[0].assert.p95_ms.max: must be a number, not 'fast'",
					"scenario.yaml: checks[3].profile: 'nightly' is not a profile under load")
			.anySatisfy(problem -> assertThat(problem).startsWith("scenario.yaml: stack.app.replica: is not a known field"));
	}

	@Test
	void aBadLoadProfileIsReportedWithItsPath() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "rate: 40", "rate: 0");
		replaceInManifest(copy, "path: \"/items/{sku}\", weight: 1 }\n\nchecks", "path: \"/items/{code}\", weight: 1 }\n\nchecks");

		assertThat(((InvalidScenarioException) catchThrowable(copy)).problems()).extracting(ManifestProblem::toString)
			.contains("scenario.yaml: load.baseline.rate: must be between 1 and 2147483647, not 0",
					"scenario.yaml: load.check: mix: /items/{code} uses {code}, but no values are given for it");
	}

	@Test
	void anInvalidPackageIsSkippedAndReportedWhileTheOthersLoad() throws IOException {
		Path scenarios = dir.resolve("scenarios");
		Scenario.copyTree(SCENARIOS.resolve("item-lookup"), scenarios.resolve("item-lookup"));
		Files.createDirectories(scenarios.resolve("broken"));
		Files.writeString(scenarios.resolve("broken/scenario.yaml"), "id: broken\n");

		ScenarioCatalog catalog = ScenarioCatalog.of(scenarios);

		assertThat(catalog.scenarios()).extracting(Scenario::id).containsExactly("item-lookup");
		assertThat(catalog.failures()).singleElement().satisfies(failure -> {
			assertThat(failure.packageName()).isEqualTo("broken");
			assertThat(failure.problems()).extracting(ManifestProblem::field).contains("title", "stack", "checks");
		});
		assertThatThrownBy(() -> catalog.get("broken")).isInstanceOf(UnknownScenarioException.class)
			.hasMessageContaining("scenario broken failed to load");
	}

	@Test
	void theLearnerChoosesTheReplicaCountInStackYamlWithinTheScenariosLimit() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "    replicas: 1\n", "    replicas: 1\n    max_replicas: 3\n");
		replaceInManifest(copy, "variables:", "  balancer: { method: least_conn }\n\nvariables:");
		Scenario scenario = ManifestReader.read(copy, "v1");
		Path workspace = Files.createDirectories(dir.resolve("workspace"));

		assertThat(scenario.stackFor(workspace).app().replicas()).as("without stack.yaml").isEqualTo(1);
		Files.writeString(workspace.resolve("stack.yaml"), "replicas: 3\n");
		assertThat(scenario.stackFor(workspace).app().replicas()).isEqualTo(3);
		Files.writeString(workspace.resolve("stack.yaml"), "replicas: 4\n");
		assertThatThrownBy(() -> scenario.stackFor(workspace)).isInstanceOf(InvalidWorkspaceException.class)
			.hasMessage("stack.yaml: replicas: must be between 1 and 3, not 4");
		Files.writeString(workspace.resolve("stack.yaml"), "replicas: 2\ncpu_limit: 4\n");
		assertThatThrownBy(() -> scenario.stackFor(workspace))
			.hasMessage("stack.yaml: cpu_limit: is not something you can change here; only replicas is");
	}

	@Test
	void moreThanOneReplicaNeedsABalancer() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "    replicas: 1\n", "    replicas: 1\n    max_replicas: 2\n");

		assertThat(((InvalidScenarioException) catchThrowable(copy)).problems()).extracting(ManifestProblem::toString)
			.contains("scenario.yaml: stack.app.max_replicas: is 2, but without stack.balancer only one replica is reachable");
	}

	@Test
	void aCorrectnessCheckMustChangeTheDataItSamples() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "    changes:\n      - UPDATE items SET price_cents = price_cents + :cents::int WHERE sku = :sku\n"
				+ "      - UPDATE items SET name = 'Renamed by the check ' || :cents::text WHERE sku = :sku\n", "");

		assertThat(problemsOf(copy)).anySatisfy(problem -> assertThat(problem)
			.startsWith("scenario.yaml: checks[2].changes: is required: a correctness check must change the data"));
	}

	@Test
	void aChangeIsOneWriteThatTouchesWhatASampleAsksFor() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "UPDATE items SET price_cents = price_cents + :cents::int WHERE sku = :sku",
				"SELECT 1; DROP TABLE items");
		replaceInManifest(copy, "UPDATE items SET name = 'Renamed by the check ' || :cents::text WHERE sku = :sku",
				"UPDATE items SET name = :nickname WHERE id = 1");

		assertThat(problemsOf(copy)).contains(
				"scenario.yaml: checks[2].changes[0]: must be one INSERT, UPDATE or DELETE statement",
				"scenario.yaml: checks[2].changes[0]: must be a single statement",
				"scenario.yaml: checks[2].changes[1]: uses the variable 'nickname', which variables does not define",
				"scenario.yaml: checks[2].changes[1]: must touch what a sample asks for: use one of the request's variables [sku]");
	}

	@Test
	void theContractNamesEveryFieldTheTruthReturnsAndNoFieldTheCheckerCannotCompute() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "fields: [id, sku, name, price_cents]", "fields: [id, sku, name, currency]");

		assertThat(problemsOf(copy)).contains(
				"scenario.yaml: checks[2].fields: leaves out 'price_cents', which the truth returns; the contract must name every field of the answer",
				"scenario.yaml: checks[2].fields: 'currency' is neither a column of the truth nor derived: the checker could not compute it");
	}

	@Test
	void aTruthWhoseColumnsHaveNoNamesIsRefused() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "truth: SELECT id, sku, name, price_cents FROM items WHERE sku = :sku",
				"truth: SELECT id, sku, name, price_cents * 2 FROM items WHERE sku = :sku");

		assertThat(problemsOf(copy)).contains(
				"scenario.yaml: checks[2].truth: names no column for 'price_cents * 2'; give it one with AS");
	}

	@Test
	void everyCorrectnessCheckIsTriedWithAFakeOfEachClass() throws IOException {
		Path copy = copyOfTestScenario();
		try (var files = Files.walk(copy.resolve("validity"))) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				if (!file.startsWith(copy.resolve("validity/wrong-meaning")) && !file.equals(copy.resolve("validity"))) {
					Files.delete(file);
				}
			}
		}
		Files.writeString(copy.resolve("validity/wrong-meaning/expect.yaml"),
				"kind: fake-fix\nclass: wrong-shape\nwhy: x\ncaught_by: [lookup-returns-the-real-item]\n");

		assertThat(problemsOf(copy)).contains(
				"scenario.yaml: validity/wrong-meaning/expect.yaml.class: must be one of [stale-copy, wrong-meaning], not 'wrong-shape'",
				"scenario.yaml: validity: has no fake of class stale-copy caught by lookup-returns-the-real-item: add "
						+ "validity/<variant>/ with an expect.yaml that says class: stale-copy and caught_by: "
						+ "[lookup-returns-the-real-item]");
	}

	@Test
	void anAnswerMayLagAChangeByAtMostThirtySeconds() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "fields: [id, sku, name, price_cents]", "fields: [id, sku, name, price_cents]\n    freshness: 5m");

		assertThat(problemsOf(copy)).contains("scenario.yaml: checks[2].freshness: must be at most 30s");
	}

	@Test
	void aDerivedFieldNeedsTheReferenceProgramInThePackage() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "fields: [id, sku, name, price_cents]",
				"fields: [id, sku, name, price_cents, digest]\n    derived: { fields: [digest], program: [node, checks/digest.js] }");

		assertThat(problemsOf(copy)).contains(
				"scenario.yaml: checks[2].derived.program: file 'checks/digest.js' does not exist in the package");
	}

	@Test
	void aRateFollowsTheHostsSpeedByAProbeInThePackage() throws IOException {
		Path copy = copyOfTestScenario();
		Files.createDirectories(copy.resolve("checks"));
		Files.writeString(copy.resolve("checks/cost.js"), "console.log(JSON.stringify({ unit_ms: 2 }));\n");
		replaceInManifest(copy, "    rate: 60\n", "    rate: 60\n    scale_rate: { probe: [node, checks/cost.js, --fast], reference_ms: 1.5 }\n");

		LoadProfileSpec check = ManifestReader.read(copy, "v1").loadProfiles().get("check");

		assertThat(check.rateScaling().probe()).containsExactly("node", "checks/cost.js", "--fast");
		assertThat(check.rateAt(1.5)).isEqualTo(60);
		assertThat(check.rateAt(3)).as("a host where the unit costs twice as much").isEqualTo(30);
		assertThat(check.rateAt(0.5)).isEqualTo(180);
		assertThat(check.rateAt(1000)).as("bounded: a probe that far off is more likely wrong").isEqualTo(15);
		assertThat(check.rateAt(0.001)).isEqualTo(240);
		assertThat(ManifestReader.read(copy, "v1").loadProfiles().get("baseline").rateAt(3)).as("a fixed rate")
			.isEqualTo(40);
	}

	@Test
	void aScaledRateNeedsAnOpenProfileAProbeInThePackageAndAReferenceCost() throws IOException {
		Path copy = copyOfTestScenario();
		replaceInManifest(copy, "    rate: 60\n", "    rate: 60\n    scale_rate: { probe: [node, checks/cost.js] }\n");
		replaceInManifest(copy, "    rate: 40\n", "    rate: 40\n    scale_rate: { probe: [node], reference_ms: -1 }\n");

		assertThat(problemsOf(copy)).contains(
				"scenario.yaml: load.check.scale_rate.probe: file 'checks/cost.js' does not exist in the package",
				"scenario.yaml: load.check.scale_rate.reference_ms: is missing",
				"scenario.yaml: load.baseline.scale_rate.probe: must name a command and the package's script it runs, "
						+ "such as [node, checks/cost.js]");
		assertThat(problemsOf(copy)).anyMatch(problem -> problem.startsWith("scenario.yaml: load.baseline.scale_rate.reference_ms:"));
	}

	private List<String> problemsOf(Path copy) {
		return ((InvalidScenarioException) catchThrowable(copy)).problems().stream().map(ManifestProblem::toString).toList();
	}

	private Throwable catchThrowable(Path copy) {
		return org.assertj.core.api.Assertions.catchThrowable(() -> ManifestReader.read(copy, "v1"));
	}

	private Path copyOfTestScenario() {
		Path copy = dir.resolve("item-lookup");
		Scenario.copyTree(SCENARIOS.resolve("item-lookup"), copy);
		return copy;
	}

	private static void replaceInManifest(Path packageDir, String from, String to) throws IOException {
		Path manifest = packageDir.resolve("scenario.yaml");
		String text = Files.readString(manifest);
		assertThat(text).contains(from);
		Files.writeString(manifest, text.replace(from, to));
	}

}
