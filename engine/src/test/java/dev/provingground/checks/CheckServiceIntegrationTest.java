package dev.provingground.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.provingground.catalog.Scenario;
import dev.provingground.load.LoadService;
import dev.provingground.load.StackAccessDeniedException;
import dev.provingground.load.StackData;
import dev.provingground.loadgen.LoadRunner;
import dev.provingground.provisioning.ProvisioningFixtures;
import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import dev.provingground.telemetry.TelemetryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each check kind passes and fails on real stacks of the test scenario. */
class CheckServiceIntegrationTest {

	private static LoadRunner runner;

	private static TelemetryService telemetry;

	@TempDir
	Path tempDir;

	private static final String HTTP_CHECK = "lookup-returns-the-real-item";

	private final Scenario scenario = ProvisioningFixtures.scenario("item-lookup");

	private StackProvisioner provisioner;

	private CheckService checks;

	private final List<UUID> stacks = new ArrayList<>();

	@BeforeAll
	static void startRunner() {
		runner = new LoadRunner();
	}

	@AfterAll
	static void stopRunner() {
		runner.close();
	}

	@AfterEach
	void tearDown() {
		stacks.forEach(provisioner::tearDown);
		telemetry.shutdown();
	}

	private CheckReport check(Path workspace, Map<String, Integer> failuresSoFar) {
		return check(scenario, workspace, failuresSoFar);
	}

	private CheckReport check(Scenario checked, Path workspace, Map<String, Integer> failuresSoFar) {
		provisioner = ProvisioningFixtures.localProvisioner(tempDir.resolve("stacks"));
		telemetry = new TelemetryService(provisioner);
		checks = CheckFixtures.service(provisioner, runner, telemetry);
		Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "ada", workspace));
		stacks.add(stack.id());
		CheckReport report = checks.run("ada", stack.id(), checked, failuresSoFar, CheckListener.NONE);
		// The measured values, for whoever tunes thresholds or reads a CI failure.
		report.verdicts().forEach(verdict -> System.out.println(verdict.checkId() + ": " + verdict.message()));
		return report;
	}

	@Test
	void theStarterFailsTheLoadAndSqlChecksWithMeasurementsAndTheFirstHint() {
		CheckReport report = check(ProvisioningFixtures.workspace(scenario, tempDir), Map.of());

		assertThat(report.allPassed()).isFalse();
		CheckVerdict plan = report.verdict("lookup-uses-an-index");
		assertThat(plan.passed()).isFalse();
		assertThat(plan.message()).contains("seq_scans_on_items was 1; it must be 0").contains("Seq Scan on items");
		assertThat(plan.hint()).isEqualTo(scenario.check("lookup-uses-an-index").orElseThrow().hints().get(0));
		CheckVerdict fast = report.verdict("lookup-is-fast");
		assertThat(fast.passed()).as(fast.message()).isFalse();
		// Slow, or not measurable at all when every request of the window timed out.
		assertThat(fast.measurements()).filteredOn(m -> m.name().equals("p95_ms"))
			.singleElement()
			.satisfies(m -> assertThat(m.passed()).isFalse())
			.satisfies(m -> assertThat(Double.isNaN(m.measured()) || m.measured() > 25).as("p95 %s", m.measured()).isTrue())
			.satisfies(m -> assertThat(m.expected()).isEqualTo("at most 25"));
		assertThat(report.verdict("lookup-returns-the-real-item").passed()).isTrue();
		assertThat(report.loadReports()).containsKey("check");
	}

	@Test
	void theReferenceSolutionPassesEveryCheck() {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		scenario.applySolutionTo(workspace);

		CheckReport report = check(workspace, Map.of());

		assertThat(report.verdicts()).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.message()).isTrue());
		assertThat(report.verdicts()).allSatisfy(verdict -> assertThat(verdict.hint()).isNull());
		assertThat(report.allPassed()).isTrue();
		assertThat(report.telemetry().get("check").maxDbConnections()).isBetween(1, 10);
		assertThat(report.telemetry().get("check").newDbConnections()).as("a pool opens few connections").isBetween(0L, 10L);
	}

	@Test
	void cannedAnswersFailTheHttpCheck() throws IOException {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		scenario.applySolutionTo(workspace);
		replace(workspace.resolve("server.js"), "return send(res, 200, rows[0]);",
				"return send(res, 200, { id: 42, sku: match[1], name: 'Item', price_cents: 1000 });");

		CheckReport report = check(workspace, Map.of("lookup-returns-the-real-item", 1));

		CheckVerdict http = report.verdict("lookup-returns-the-real-item");
		assertThat(http.passed()).isFalse();
		assertThat(http.message()).containsPattern("GET /items/ITEM-\\d+: field (id|name|price_cents) is");
		int asked = 2 * ((dev.provingground.catalog.CheckSpec.HttpCheck) scenario.check("lookup-returns-the-real-item")
			.orElseThrow()).samples();
		assertThat(http.measurements()).as("sampling stops at the first wrong answer").singleElement().satisfies(m -> {
			assertThat(m.name()).isEqualTo("answers_matching_the_database");
			assertThat(m.expected()).isEqualTo("all " + asked + " (the check stops at the first wrong answer)");
			assertThat(m.measured()).isLessThan(asked / 2);
		});
		assertThat(http.hint()).isEqualTo(scenario.check("lookup-returns-the-real-item").orElseThrow().hints().get(1));
	}

	/**
	 * An app that answers without end, or trickles its answer on, fails the sample it answers and holds the check no
	 * longer than the answer's deadline: the platform reads at most 1 MB of it, and the whole answer within 5 s.
	 */
	@Test
	void anEndlessOrTricklingAnswerFailsTheHttpCheckWithTheReasonNamed() throws IOException {
		Scenario httpOnly = scenario.withOnlyChecks(List.of(HTTP_CHECK));
		Map<String, String> reasons = Map.of("""
				res.writeHead(200, { 'content-type': 'application/json' });
				const chunk = Buffer.alloc(65536, 32);
				const more = () => { while (!res.destroyed && res.write(chunk)) {} if (!res.destroyed) res.once('drain', more); };
				return more();""", "the answer is larger than 1024 KB", """
				res.writeHead(200, { 'content-type': 'application/json' });
				const drip = setInterval(() => res.write(' '), 500);
				return res.on('close', () => clearInterval(drip));""", "the whole answer did not arrive within 5 s");
		reasons.forEach((answer, reason) -> {
			try {
				Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
				scenario.applySolutionTo(workspace);
				replace(workspace.resolve("server.js"), "return send(res, 200, rows[0]);", answer);

				CheckVerdict http = check(httpOnly, workspace, Map.of()).verdict(HTTP_CHECK);

				assertThat(http.passed()).isFalse();
				assertThat(http.message()).containsPattern("GET /items/ITEM-\\d+ failed: .*" + reason);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	/**
	 * The test package's own fakes of the two classes that once passed correctness checks: a copy of the data goes
	 * stale at the check's first change, and a field computed differently is named. The stale copies that defend
	 * themselves (a trigger or a rule that drops the check's writes, one set to fire always, an app that writes the old
	 * row back) fail because the database did not keep the check's change.
	 */
	@Test
	void staleCopiesAndAWrongMeaningFailTheHttpCheckWithTheReasonNamed() {
		Scenario httpOnly = scenario.withOnlyChecks(List.of(HTTP_CHECK));
		Map<String, String> reasons = Map.of(
				"stale-copy", "GET /items/ITEM-\\d+ after the check updated items in the database: field (name|price_cents) is",
				"wrong-meaning", "GET /items/ITEM-\\d+: field price_cents is \\d+, the database says \\d+",
				"trigger-keeps-the-copy", "Your database did not keep the check's change \\(it updated items\\): the change "
						+ "touches 1 row\\(s\\) and then reads \\[\\{id=\\d+.*but with your triggers and rules it touched 1",
				"rule-keeps-the-copy", "Your database did not keep the check's change \\(it updated items\\).*it touched 0",
				"always-trigger-keeps-the-copy", "Your database has trigger keep_items on items set to fire always",
				"app-undoes-changes", "The check's change \\(it updated items\\) was undone before the app was asked again");
		List<ValidityVariants.Variant> fakes = ValidityVariants.of(scenario);
		assertThat(fakes).extracting(ValidityVariants.Variant::name).containsExactlyInAnyOrderElementsOf(reasons.keySet());
		for (ValidityVariants.Variant fake : fakes) {
			Path workspace = ProvisioningFixtures.workspace(scenario, tempDir.resolve(fake.name()));
			ValidityVariants.apply(scenario, fake, workspace);

			CheckVerdict http = check(httpOnly, workspace, Map.of()).verdict(HTTP_CHECK);

			assertThat(http.passed()).as(fake.name() + ": " + http.message()).isFalse();
			assertThat(http.seed()).isNotNull();
			assertThat(http.message()).as(fake.name()).containsPattern(reasons.get(fake.name()));
		}
	}

	@Test
	void aRecordedSeedDrawsTheSameSamplesAgain() {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		scenario.applySolutionTo(workspace);
		CheckVerdict http = check(scenario.withOnlyChecks(List.of(HTTP_CHECK)), workspace, Map.of()).verdict(HTTP_CHECK);
		assertThat(http.passed()).as(http.message()).isTrue();
		assertThat(http.measurements()).filteredOn(m -> m.name().equals("samples_whose_data_changed"))
			.singleElement()
			.satisfies(m -> assertThat(m.measured()).isEqualTo(20));
		Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "ada", workspace));
		stacks.add(stack.id());
		var check = (dev.provingground.catalog.CheckSpec.HttpCheck) scenario.check(HTTP_CHECK).orElseThrow();

		var first = HttpChecks.samples(check, StackData.drawVariables(stack, scenario.variables(), new Random(http.seed())),
				http.seed());
		var again = HttpChecks.samples(check, StackData.drawVariables(stack, scenario.variables(), new Random(http.seed())),
				http.seed());
		var other = HttpChecks.samples(check,
				StackData.drawVariables(stack, scenario.variables(), new Random(http.seed() + 1)), http.seed() + 1);

		assertThat(first).hasSize(check.samples()).isEqualTo(again).isNotEqualTo(other);
		assertThat(first.stream().map(values -> values.get("sku")).distinct()).as("no two samples ask for the same")
			.hasSize(check.samples());
	}

	@Test
	void holdingManyConnectionsFailsTheTelemetryCheck() throws IOException {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		scenario.applySolutionTo(workspace);
		replace(workspace.resolve("server.js"), "max: Number(process.env.POOL_SIZE || 5),", "max: 30,");
		replace(workspace.resolve("server.js"), "migrate()\n  .then(() => {",
				"migrate()\n  .then(() => Promise.all(Array.from({ length: 15 }, () => pool.connect())))\n  .then(() => {");

		CheckReport report = check(workspace, Map.of("connections-within-budget", 9));

		CheckVerdict connections = report.verdict("connections-within-budget");
		assertThat(connections.passed()).isFalse();
		assertThat(connections.measurements()).filteredOn(m -> m.name().equals("max_db_connections"))
			.singleElement()
			.satisfies(m -> assertThat(m.measured()).isGreaterThanOrEqualTo(15));
		List<String> hints = scenario.check("connections-within-budget").orElseThrow().hints();
		assertThat(connections.hint()).isEqualTo(hints.get(hints.size() - 1));
		assertThat(report.verdict("lookup-is-fast").passed()).isTrue();
	}

	@Test
	void nobodyCanCheckAStackThatIsNotTheirs() {
		provisioner = ProvisioningFixtures.localProvisioner(tempDir.resolve("stacks"));
		telemetry = new TelemetryService(provisioner);
		checks = CheckFixtures.service(provisioner, runner, telemetry);
		Stack stack = provisioner.provision(ProvisioningFixtures.request(scenario, "ada",
				ProvisioningFixtures.workspace(scenario, tempDir)));
		stacks.add(stack.id());

		assertThatThrownBy(() -> checks.run("mallory", stack.id(), scenario, Map.of(), CheckListener.NONE))
			.isInstanceOf(StackAccessDeniedException.class)
			.hasMessageContaining("does not belong to mallory");
		assertThatThrownBy(() -> checks.run("mallory", UUID.randomUUID(), scenario, Map.of(), CheckListener.NONE))
			.isInstanceOf(StackAccessDeniedException.class);
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).contains(from);
		Files.writeString(file, text.replace(from, to));
	}

}
