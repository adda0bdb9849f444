package dev.provingground.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provingground.catalog.CheckSpec.LoadMetric;
import dev.provingground.catalog.CheckSpec.TelemetryMetric;
import dev.provingground.loadgen.InvalidLoadProfileException;
import dev.provingground.loadgen.LoadModel;
import dev.provingground.loadgen.RequestTemplate;
import dev.provingground.platform.YamlFields;
import dev.provingground.provisioning.StackSpec;

/**
 * Reads one package's {@code scenario.yaml} and checks it against the package's files. It collects every problem
 * before it gives up, so an author fixes them all in one go. {@code docs/scenario-format.md} describes the format.
 */
final class ManifestReader {

	static final String MANIFEST = "scenario.yaml";

	static final Set<String> LEVELS = Set.of("crawling", "walking", "running", "sprinting");

	private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	/** [registry[:port]/]name[/name...][:tag][@sha256:digest], as Docker accepts it. */
	private static final Pattern IMAGE = Pattern.compile(
			"([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final Path packageDir;

	private final List<ManifestProblem> problems = new ArrayList<>();

	private final YamlFields fields = new YamlFields(this::problem);

	/** The fakes that once passed correctness checks; every such check must be shown to catch each. */
	private static final List<String> FAKE_CLASSES = List.of("stale-copy", "wrong-meaning");

	/** A change is one statement that writes rows. */
	private static final Pattern CHANGE = Pattern
		.compile("(?i)(insert|update|delete)\\s");

	/** The longest a scenario may let an answer lag a change (a cache's TTL); longer would stall the checks. */
	private static final Duration MAX_FRESHNESS = Duration.ofSeconds(30);

	private ManifestReader(Path packageDir) {
		this.packageDir = packageDir;
	}

	/** @throws InvalidScenarioException naming every problem, when the package cannot be used */
	static Scenario read(Path packageDir, String version) {
		return new ManifestReader(packageDir).read(version);
	}

	private Scenario read(String version) {
		String packageName = packageDir.getFileName().toString();
		Path manifest = packageDir.resolve(MANIFEST);
		if (!Files.isRegularFile(manifest)) {
			throw new InvalidScenarioException(packageName,
					List.of(new ManifestProblem(MANIFEST, "", "is missing; every package needs one")));
		}
		JsonNode root;
		try {
			root = YAML.readTree(manifest.toFile());
		}
		catch (JsonProcessingException ex) {
			String where = ex.getLocation() == null ? ""
					: " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
			throw new InvalidScenarioException(packageName,
					List.of(new ManifestProblem(MANIFEST, "", "is not valid YAML" + where + ": " + ex.getOriginalMessage())));
		}
		catch (IOException ex) {
			throw new InvalidScenarioException(packageName,
					List.of(new ManifestProblem(MANIFEST, "", "cannot be read: " + ex.getMessage())));
		}
		if (root == null || !root.isObject()) {
			throw new InvalidScenarioException(packageName,
					List.of(new ManifestProblem(MANIFEST, "", "must be a mapping of fields such as id, title and stack")));
		}
		Scenario scenario = scenario(root, version);
		if (!problems.isEmpty()) {
			throw new InvalidScenarioException(packageName, problems);
		}
		return scenario;
	}

	private Scenario scenario(JsonNode root, String version) {
		fields.allowOnly(root, "", "id", "title", "summary", "track", "level", "concepts", "skill", "process", "rubric",
				"stack", "variables", "load", "checks", "reflection", "solution", "for_tests");
		String id = fields.packageId(root, packageDir);
		String title = fields.text(root, "", "title", true);
		String summary = fields.text(root, "", "summary", false);
		Integer track = fields.integer(root, "", "track", true, 1, 2);
		String level = fields.text(root, "", "level", true);
		if (level != null && !LEVELS.contains(level)) {
			problem("level", "must be one of " + fields.sorted(LEVELS) + ", not '" + level + "'");
		}
		List<String> concepts = fields.texts(root, "", "concepts", true);
		String skill = fields.skill(root);
		String process = fields.text(root, "", "process", true);
		String rubric = fields.text(root, "", "rubric", true);
		StackSpec stack = stack(root.get("stack"));
		Integer maxReplicas = maxReplicas(root.path("stack").path("app"), stack);
		Map<String, VariableSpec> variables = variables(root.get("variables"));
		Map<String, LoadProfileSpec> profiles = loadProfiles(root.get("load"), variables);
		List<CheckSpec> checks = checks(root.get("checks"), profiles, variables);
		requireFakesOfEachClass(checks);
		List<String> reflection = fields.texts(root, "", "reflection", true);
		String solution = fields.text(root, "", "solution", true);
		if (solution != null) {
			fields.requireDirectory(packageDir, "solution", solution);
		}
		boolean forTests = fields.bool(root, "", "for_tests", false);
		if (!problems.isEmpty()) {
			return null;
		}
		return new Scenario(id, title, summary == null ? "" : summary, track, level, concepts, skill, process,
				rubric, version, packageDir, stack, maxReplicas, variables, profiles, checks, reflection, solution,
				forTests);
	}

	private StackSpec stack(JsonNode stack) {
		if (!fields.requireObject(stack, "stack")) {
			return null;
		}
		fields.allowOnly(stack, "stack", "database", "app", "balancer");
		StackSpec.DatabaseSpec database = database(stack.get("database"));
		StackSpec.AppSpec app = app(stack.get("app"));
		StackSpec.BalancerSpec balancer = null;
		JsonNode balancerNode = stack.get("balancer");
		if (balancerNode != null && fields.requireObject(balancerNode, "stack.balancer")) {
			fields.allowOnly(balancerNode, "stack.balancer", "method", "image");
			String method = fields.text(balancerNode, "stack.balancer", "method", false);
			String image = image(balancerNode, "stack.balancer");
			if (method != null && !Set.of("round_robin", "least_conn").contains(method)) {
				problem("stack.balancer.method", "must be round_robin or least_conn, not '" + method + "'");
			}
			balancer = new StackSpec.BalancerSpec(method == null ? "round_robin" : method, image);
		}
		if (database == null || app == null) {
			return null;
		}
		if (balancer == null && app.replicas() > 1) {
			problem("stack.app.replicas", "is " + app.replicas() + ", but without stack.balancer only one replica is reachable");
		}
		return new StackSpec(database, app, balancer);
	}

	/** How many replicas the learner may run (workspace stack.yaml); the manifest's count when it does not say. */
	private Integer maxReplicas(JsonNode app, StackSpec stack) {
		if (!app.isObject() || stack == null) {
			return null;
		}
		Integer maxReplicas = fields.integer(app, "stack.app", "max_replicas", false, 1, 8);
		if (maxReplicas == null) {
			return stack.app().replicas();
		}
		if (maxReplicas < stack.app().replicas()) {
			problem("stack.app.max_replicas", "is " + maxReplicas + ", fewer than replicas (" + stack.app().replicas() + ")");
		}
		if (maxReplicas > 1 && stack.balancer() == null) {
			problem("stack.app.max_replicas", "is " + maxReplicas + ", but without stack.balancer only one replica is reachable");
		}
		return maxReplicas;
	}

	private StackSpec.DatabaseSpec database(JsonNode node) {
		String path = "stack.database";
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "name", "role", "connection_limit", "seed", "settings", "image");
		String name = sqlName(node, path, "name");
		String role = sqlName(node, path, "role");
		Integer connectionLimit = fields.integer(node, path, "connection_limit", false, 1, 10_000);
		List<String> seed = fields.texts(node, path, "seed", false);
		for (int i = 0; i < seed.size(); i++) {
			requireFile(path + ".seed[" + i + "]", seed.get(i));
		}
		Map<String, String> settings = new LinkedHashMap<>();
		JsonNode settingsNode = node.get("settings");
		if (settingsNode != null && fields.requireObject(settingsNode, path + ".settings")) {
			settingsNode.fields().forEachRemaining(entry -> {
				if (!SQL_NAME.matcher(entry.getKey()).matches()) {
					problem(path + ".settings." + entry.getKey(), "is not a PostgreSQL setting name");
				}
				else if (!entry.getValue().isValueNode()) {
					problem(path + ".settings." + entry.getKey(), "must be a single value");
				}
				else {
					settings.put(entry.getKey(), entry.getValue().asText());
				}
			});
		}
		if (name == null || role == null) {
			return null;
		}
		return new StackSpec.DatabaseSpec(name, seed, settings, role, connectionLimit, image(node, path));
	}

	private StackSpec.AppSpec app(JsonNode node) {
		String path = "stack.app";
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "starter", "command", "replicas", "max_replicas", "cpu_limit", "health", "env",
				"image");
		String starter = fields.text(node, path, "starter", true);
		if (starter != null && fields.requireDirectory(packageDir, path + ".starter", starter)
				&& !Files.isRegularFile(packageDir.resolve(starter).resolve("package.json"))) {
			problem(path + ".starter", "folder '" + starter + "' has no package.json");
		}
		List<String> command = fields.texts(node, path, "command", true);
		Integer replicas = fields.integer(node, path, "replicas", false, 1, 8);
		Double cpuLimit = fields.number(node, path, "cpu_limit", false, 0.05, 64);
		String health = fields.text(node, path, "health", true);
		if (health != null && !health.startsWith("/")) {
			problem(path + ".health", "must be a path starting with /, not '" + health + "'");
		}
		Map<String, String> env = new LinkedHashMap<>();
		JsonNode envNode = node.get("env");
		if (envNode != null && fields.requireObject(envNode, path + ".env")) {
			envNode.fields().forEachRemaining(entry -> {
				if (Set.of("PORT", "HOST", "DATABASE_URL").contains(entry.getKey())) {
					problem(path + ".env." + entry.getKey(), "is set by the platform and cannot be overridden");
				}
				else if (!entry.getValue().isValueNode()) {
					problem(path + ".env." + entry.getKey(), "must be a single value");
				}
				else {
					env.put(entry.getKey(), entry.getValue().asText());
				}
			});
		}
		if (starter == null || command.isEmpty() || health == null) {
			return null;
		}
		return new StackSpec.AppSpec(starter, command, replicas == null ? 1 : replicas, cpuLimit, health, env,
				image(node, path));
	}

	/** A service's container image for the Docker provisioner, such as {@code postgres:17.6}; optional. */
	private String image(JsonNode node, String path) {
		String image = fields.text(node, path, "image", false);
		if (image != null && !IMAGE.matcher(image).matches()) {
			problem(path + ".image", "is not an image reference such as postgres:17.6 or registry.example/team/app:1, "
					+ "but '" + image + "'");
		}
		return image;
	}

	private Map<String, VariableSpec> variables(JsonNode node) {
		Map<String, VariableSpec> variables = new LinkedHashMap<>();
		if (node == null || !fields.requireObject(node, "variables")) {
			return variables;
		}
		node.fields().forEachRemaining(entry -> {
			String path = "variables." + entry.getKey();
			JsonNode variable = entry.getValue();
			if (!fields.requireObject(variable, path)) {
				return;
			}
			fields.allowOnly(variable, path, "query", "range");
			String query = fields.text(variable, path, "query", false);
			JsonNode range = variable.get("range");
			if ((query == null) == (range == null)) {
				problem(path, "needs exactly one of query (SQL whose first column gives the values) or range: [min, max]");
			}
			else if (query != null) {
				variables.put(entry.getKey(), new VariableSpec.Query(query));
			}
			else if (!range.isArray() || range.size() != 2 || !range.get(0).canConvertToLong()
					|| !range.get(1).canConvertToLong() || range.get(0).asLong() > range.get(1).asLong()) {
				problem(path + ".range", "must be [min, max] with whole numbers and min <= max");
			}
			else {
				variables.put(entry.getKey(), new VariableSpec.Range(range.get(0).asLong(), range.get(1).asLong()));
			}
		});
		return variables;
	}

	private Map<String, LoadProfileSpec> loadProfiles(JsonNode node, Map<String, VariableSpec> variables) {
		Map<String, LoadProfileSpec> profiles = new LinkedHashMap<>();
		if (!fields.requireObject(node, "load")) {
			return profiles;
		}
		if (!node.has(Scenario.BASELINE_PROFILE)) {
			problem("load." + Scenario.BASELINE_PROFILE, "is missing; the run starts with a baseline load");
		}
		node.fields().forEachRemaining(entry -> {
			LoadProfileSpec profile = loadProfile(entry.getValue(), "load." + entry.getKey(), variables);
			if (profile != null) {
				profiles.put(entry.getKey(), profile);
			}
		});
		return profiles;
	}

	private LoadProfileSpec loadProfile(JsonNode node, String path, Map<String, VariableSpec> variables) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "model", "rate", "users", "warm_up", "duration", "timeout", "mix", "scale_rate");
		LoadModel model = fields.choice(node, path, "model", LoadModel.class);
		Integer rate = fields.integer(node, path, "rate", model == LoadModel.OPEN, 1, Integer.MAX_VALUE);
		Integer users = fields.integer(node, path, "users", model == LoadModel.CLOSED, 1, Integer.MAX_VALUE);
		Duration warmUp = fields.duration(node, path, "warm_up", false);
		Duration duration = fields.duration(node, path, "duration", true);
		Duration timeout = fields.duration(node, path, "timeout", false);
		List<RequestTemplate> mix = new ArrayList<>();
		JsonNode mixNode = node.get("mix");
		if (mixNode == null || !mixNode.isArray() || mixNode.isEmpty()) {
			problem(path + ".mix", "must list at least one request");
		}
		else {
			for (int i = 0; i < mixNode.size(); i++) {
				RequestTemplate request = request(mixNode.get(i), path + ".mix[" + i + "]", true);
				if (request != null) {
					mix.add(request);
				}
			}
		}
		LoadProfileSpec.RateScaling rateScaling = rateScaling(node.get("scale_rate"), path + ".scale_rate", model);
		if (model == null || duration == null || mix.size() != mixNode.size()) {
			return null;
		}
		LoadProfileSpec profile = new LoadProfileSpec(model, rate == null ? 0 : rate, users == null ? 0 : users,
				warmUp == null ? Duration.ZERO : warmUp, duration, timeout == null ? Duration.ofSeconds(5) : timeout,
				mix, rateScaling);
		try {
			profile.toProfile(exampleValues(variables));
		}
		catch (InvalidLoadProfileException ex) {
			problem(path, ex.getMessage());
			return null;
		}
		return profile;
	}

	/** An open profile's rate that follows the host's speed, by the scenario's probe (ADR 0026); null for none. */
	private LoadProfileSpec.RateScaling rateScaling(JsonNode node, String path, LoadModel model) {
		if (node == null || !fields.requireObject(node, path)) {
			return null;
		}
		if (model != LoadModel.OPEN) {
			problem(path, "applies to an open profile's rate; a closed profile has none");
			return null;
		}
		fields.allowOnly(node, path, "probe", "reference_ms");
		List<String> probe = packageProgram(node, path, "probe", "[node, checks/cost.js]");
		Double referenceMillis = fields.number(node, path, "reference_ms", true, 0.001, 60_000);
		return probe == null || referenceMillis == null ? null
				: new LoadProfileSpec.RateScaling(probe, referenceMillis);
	}

	private RequestTemplate request(JsonNode node, String path, boolean weighted) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		if (weighted) {
			fields.allowOnly(node, path, "method", "path", "weight", "body");
		}
		else {
			fields.allowOnly(node, path, "method", "path", "body");
		}
		String method = fields.text(node, path, "method", false);
		String requestPath = fields.text(node, path, "path", true);
		Integer weight = weighted ? fields.integer(node, path, "weight", false, 1, 1000) : null;
		JsonNode body = node.get("body");
		if (requestPath == null) {
			return null;
		}
		return new RequestTemplate(method == null ? "GET" : method.toUpperCase(Locale.ROOT), requestPath,
				weight == null ? 1 : weight, body == null ? null : body.isTextual() ? body.asText() : body.toString());
	}

	private List<CheckSpec> checks(JsonNode node, Map<String, LoadProfileSpec> profiles,
			Map<String, VariableSpec> variables) {
		List<CheckSpec> checks = new ArrayList<>();
		if (node == null || !node.isArray() || node.isEmpty()) {
			problem("checks", "must list at least one check");
			return checks;
		}
		Set<String> ids = new java.util.HashSet<>();
		for (int i = 0; i < node.size(); i++) {
			String path = "checks[" + i + "]";
			JsonNode check = node.get(i);
			if (!fields.requireObject(check, path)) {
				continue;
			}
			String id = fields.text(check, path, "id", true);
			if (id != null && !ids.add(id)) {
				problem(path + ".id", "'" + id + "' is used by another check; ids must be unique");
			}
			String kind = fields.text(check, path, "kind", true);
			String title = fields.text(check, path, "title", true);
			List<String> hints = fields.texts(check, path, "hints", true);
			CheckSpec spec = switch (kind == null ? "" : kind) {
				case "load" -> loadCheck(check, path, id, title, hints, profiles);
				case "telemetry" -> telemetryCheck(check, path, id, title, hints, profiles);
				case "sql" -> sqlCheck(check, path, id, title, hints);
				case "http" -> httpCheck(check, path, id, title, hints, variables, profiles);
				case "" -> null;
				default -> {
					problem(path + ".kind", "'" + kind + "' is not a check kind; use load, http, sql or telemetry");
					yield null;
				}
			};
			if (spec != null && id != null && title != null && !hints.isEmpty()) {
				checks.add(spec);
			}
		}
		return checks;
	}

	private CheckSpec loadCheck(JsonNode node, String path, String id, String title, List<String> hints,
			Map<String, LoadProfileSpec> profiles) {
		fields.allowOnly(node, path, "id", "kind", "title", "hints", "profile", "assert");
		String profile = profileReference(node, path, profiles);
		Map<LoadMetric, Threshold> assertions = thresholds(node, path, LoadMetric.class, LoadMetric::key);
		return profile == null || assertions.isEmpty() ? null
				: new CheckSpec.LoadCheck(id, title, hints, profile, assertions);
	}

	private CheckSpec telemetryCheck(JsonNode node, String path, String id, String title, List<String> hints,
			Map<String, LoadProfileSpec> profiles) {
		fields.allowOnly(node, path, "id", "kind", "title", "hints", "profile", "assert");
		String profile = profileReference(node, path, profiles);
		Map<TelemetryMetric, Threshold> assertions = thresholds(node, path, TelemetryMetric.class,
				TelemetryMetric::key);
		return profile == null || assertions.isEmpty() ? null
				: new CheckSpec.TelemetryCheck(id, title, hints, profile, assertions);
	}

	private CheckSpec sqlCheck(JsonNode node, String path, String id, String title, List<String> hints) {
		fields.allowOnly(node, path, "id", "kind", "title", "hints", "query", "assert");
		String query = fields.text(node, path, "query", true);
		JsonNode assertion = node.get("assert");
		if (!fields.requireObject(assertion, path + ".assert")) {
			return null;
		}
		fields.allowOnly(assertion, path + ".assert", "no_seq_scan_on", "uses_index_on", "value");
		String noSeqScanOn = fields.text(assertion, path + ".assert", "no_seq_scan_on", false);
		String usesIndexOn = fields.text(assertion, path + ".assert", "uses_index_on", false);
		Threshold value = assertion.has("value") ? threshold(assertion.get("value"), path + ".assert.value") : null;
		boolean plan = noSeqScanOn != null || usesIndexOn != null;
		if (plan == assertion.has("value")) {
			problem(path + ".assert", "needs a plan assertion (no_seq_scan_on, uses_index_on) or a value, not both");
			return null;
		}
		return query == null ? null : new CheckSpec.SqlCheck(id, title, hints, query, noSeqScanOn, usesIndexOn, value);
	}

	private CheckSpec httpCheck(JsonNode node, String path, String id, String title, List<String> hints,
			Map<String, VariableSpec> variables, Map<String, LoadProfileSpec> profiles) {
		fields.allowOnly(node, path, "id", "kind", "title", "hints", "request", "samples", "truth", "response_at", "profile",
				"fields", "changes", "freshness", "derived");
		String profile = node.has("profile") ? profileReference(node, path, profiles) : null;
		RequestTemplate request = request(node.get("request"), path + ".request", false);
		Integer samples = fields.integer(node, path, "samples", false, 1, 500);
		String truth = fields.text(node, path, "truth", true);
		String responseAt = fields.text(node, path, "response_at", false);
		if (responseAt != null && !responseAt.startsWith("/")) {
			problem(path + ".response_at", "must be a JSON pointer such as /orders, not '" + responseAt + "'");
		}
		List<String> contract = fields.texts(node, path, "fields", true);
		List<String> changes = changes(node, path, request, variables);
		Duration freshness = fields.duration(node, path, "freshness", false);
		if (freshness != null && freshness.compareTo(MAX_FRESHNESS) > 0) {
			problem(path + ".freshness", "must be at most " + MAX_FRESHNESS.toSeconds() + "s");
		}
		CheckSpec.Derived derived = derived(node.get("derived"), path + ".derived");
		if (request == null || truth == null || contract.isEmpty() || changes.isEmpty()) {
			return null;
		}
		requireWholeContract(path, truth, contract, derived);
		Set<String> used = new java.util.TreeSet<>(requestVariables(request));
		var parameter = CheckSpec.HttpCheck.TRUTH_PARAMETER.matcher(truth);
		while (parameter.find()) {
			used.add(parameter.group(1));
		}
		used.stream()
			.filter(name -> !variables.containsKey(name))
			.forEach(name -> problem(path, "uses the variable '" + name + "', which variables does not define"));
		return new CheckSpec.HttpCheck(id, title, hints, request.method(), request.path(), request.body(),
				samples == null ? 20 : samples, truth, responseAt == null ? "" : responseAt, profile, contract, changes,
				freshness == null ? Duration.ZERO : freshness, derived);
	}

	private static Set<String> requestVariables(RequestTemplate request) {
		Set<String> names = new java.util.TreeSet<>();
		for (String text : new String[] { request.path(), request.body() }) {
			var placeholder = CheckSpec.HttpCheck.PLACEHOLDER.matcher(text == null ? "" : text);
			while (placeholder.find()) {
				names.add(placeholder.group(1));
			}
		}
		return names;
	}

	/**
	 * The writes a correctness check makes under the app: each one statement that inserts, updates or deletes, and
	 * touches what a sample asks for (it uses one of the request's variables), so that a copy of the data goes stale.
	 */
	private List<String> changes(JsonNode node, String path, RequestTemplate request, Map<String, VariableSpec> variables) {
		if (!node.has("changes")) {
			problem(path + ".changes", "is required: a correctness check must change the data it samples (inserts, "
					+ "updates or deletes through the database), or a copy taken when the app started would pass");
			return List.of();
		}
		List<String> changes = fields.texts(node, path, "changes", true);
		Set<String> keys = request == null ? Set.of() : requestVariables(request);
		for (int i = 0; i < changes.size(); i++) {
			String change = changes.get(i).strip();
			String where = path + ".changes[" + i + "]";
			if (!CHANGE.matcher(change).lookingAt()) {
				problem(where, "must be one INSERT, UPDATE or DELETE statement");
			}
			if (change.replaceFirst(";\\s*$", "").contains(";")) {
				problem(where, "must be a single statement");
			}
			Set<String> parameters = new java.util.TreeSet<>();
			var parameter = CheckSpec.HttpCheck.TRUTH_PARAMETER.matcher(change);
			while (parameter.find()) {
				parameters.add(parameter.group(1));
			}
			parameters.stream()
				.filter(name -> !variables.containsKey(name))
				.forEach(name -> problem(where, "uses the variable '" + name + "', which variables does not define"));
			if (request != null && parameters.stream().noneMatch(keys::contains)) {
				problem(where, "must touch what a sample asks for: use one of the request's variables " + keys);
			}
		}
		return changes.stream().map(change -> change.strip().replaceFirst(";\\s*$", "")).toList();
	}

	private CheckSpec.Derived derived(JsonNode node, String path) {
		if (node == null || !fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "fields", "program");
		List<String> derivedFields = fields.texts(node, path, "fields", true);
		List<String> program = packageProgram(node, path, "program", "[node, checks/sign.js]");
		return derivedFields.isEmpty() || program == null ? null : new CheckSpec.Derived(derivedFields, program);
	}

	/** A command and the package's own script it runs, with any arguments; null without a script. */
	private List<String> packageProgram(JsonNode node, String path, String name, String example) {
		List<String> program = fields.texts(node, path, name, true);
		if (program.size() < 2) {
			problem(path + "." + name, "must name a command and the package's script it runs, such as " + example);
			return null;
		}
		Path script = fields.insidePackage(packageDir, path + "." + name, program.get(1));
		if (script != null && !Files.isRegularFile(script)) {
			problem(path + "." + name, "file '" + program.get(1) + "' does not exist in the package");
		}
		return program;
	}

	/**
	 * The contract names every field of an answer: each column the truth returns, and each derived field; a field the
	 * checker cannot compute itself would go unchecked.
	 */
	private void requireWholeContract(String path, String truth, List<String> contract, CheckSpec.Derived derived) {
		TruthColumns.Columns columns = TruthColumns.of(truth);
		columns.problems().forEach(problem -> problem(path + ".truth", problem));
		Set<String> derivedFields = derived == null ? Set.of() : Set.copyOf(derived.fields());
		columns.names().stream()
			.filter(column -> !contract.contains(column))
			.forEach(column -> problem(path + ".fields", "leaves out '" + column + "', which the truth returns; "
					+ "the contract must name every field of the answer"));
		derivedFields.stream()
			.filter(field -> !contract.contains(field))
			.forEach(field -> problem(path + ".derived", "derives '" + field + "', which fields does not name"));
		if (columns.problems().isEmpty()) {
			contract.stream()
				.filter(field -> !columns.names().contains(field) && !derivedFields.contains(field))
				.forEach(field -> problem(path + ".fields", "'" + field + "' is neither a column of the truth nor "
						+ "derived: the checker could not compute it"));
		}
	}

	/**
	 * Each endpoint checked for correctness is tried with a fake of each class that once passed such checks: a
	 * {@code stale-copy} (answers from data captured earlier) and a {@code wrong-meaning} (the right shape, a field
	 * computed differently). A fake names its class in its {@code validity/<variant>/expect.yaml}.
	 */
	private void requireFakesOfEachClass(List<CheckSpec> checks) {
		Map<String, Set<String>> caughtByClass = new LinkedHashMap<>();
		FAKE_CLASSES.forEach(fakeClass -> caughtByClass.put(fakeClass, new java.util.HashSet<>()));
		Path validity = packageDir.resolve("validity");
		if (Files.isDirectory(validity)) {
			try (var variants = Files.list(validity)) {
				for (Path variant : variants.filter(Files::isDirectory).sorted().toList()) {
					String where = "validity/" + variant.getFileName() + "/expect.yaml";
					JsonNode expect;
					try {
						expect = YAML.readTree(variant.resolve("expect.yaml").toFile());
					}
					catch (IOException ex) {
						problem(where, "cannot be read: " + ex.getMessage());
						continue;
					}
					if (expect == null || !expect.has("class")) {
						continue;
					}
					String fakeClass = expect.path("class").asText();
					if (!caughtByClass.containsKey(fakeClass)) {
						problem(where + ".class", "must be one of " + FAKE_CLASSES + ", not '" + fakeClass + "'");
						continue;
					}
					expect.path("caught_by").forEach(check -> caughtByClass.get(fakeClass).add(check.asText()));
				}
			}
			catch (IOException ex) {
				problem("validity", "cannot be listed: " + ex.getMessage());
			}
		}
		for (CheckSpec check : checks) {
			if (!(check instanceof CheckSpec.HttpCheck)) {
				continue;
			}
			caughtByClass.forEach((fakeClass, caught) -> {
				if (!caught.contains(check.id())) {
					problem("validity", "has no fake of class " + fakeClass + " caught by " + check.id()
							+ ": add validity/<variant>/ with an expect.yaml that says class: " + fakeClass
							+ " and caught_by: [" + check.id() + "]");
				}
			});
		}
	}

	private String profileReference(JsonNode node, String path, Map<String, LoadProfileSpec> profiles) {
		String profile = fields.text(node, path, "profile", true);
		if (profile != null && !profiles.containsKey(profile)) {
			problem(path + ".profile", "'" + profile + "' is not a profile under load");
			return null;
		}
		return profile;
	}

	private <M extends Enum<M>> Map<M, Threshold> thresholds(JsonNode node, String path, Class<M> metrics,
			Function<M, String> key) {
		Map<M, Threshold> thresholds = new EnumMap<>(metrics);
		JsonNode assertion = node.get("assert");
		if (!fields.requireObject(assertion, path + ".assert")) {
			return thresholds;
		}
		assertion.fields().forEachRemaining(entry -> {
			M metric = null;
			for (M candidate : metrics.getEnumConstants()) {
				if (key.apply(candidate).equals(entry.getKey())) {
					metric = candidate;
				}
			}
			if (metric == null) {
				problem(path + ".assert." + entry.getKey(), "is not a metric this kind measures; use one of "
						+ java.util.Arrays.stream(metrics.getEnumConstants()).map(key).toList());
				return;
			}
			Threshold threshold = threshold(entry.getValue(), path + ".assert." + entry.getKey());
			if (threshold != null) {
				thresholds.put(metric, threshold);
			}
		});
		if (assertion.isEmpty()) {
			problem(path + ".assert", "must assert at least one metric");
		}
		return thresholds;
	}

	private Threshold threshold(JsonNode node, String path) {
		if (!fields.requireObject(node, path)) {
			return null;
		}
		fields.allowOnly(node, path, "min", "max");
		Double min = fields.number(node, path, "min", false, -Double.MAX_VALUE, Double.MAX_VALUE);
		Double max = fields.number(node, path, "max", false, -Double.MAX_VALUE, Double.MAX_VALUE);
		if (min == null && max == null) {
			problem(path, "needs min, max or both");
			return null;
		}
		if (min != null && max != null && min > max) {
			problem(path, "min " + min + " is greater than max " + max);
			return null;
		}
		return new Threshold(min, max);
	}

	private static Map<String, List<String>> exampleValues(Map<String, VariableSpec> variables) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		variables.keySet().forEach(name -> values.put(name, List.of("1")));
		return values;
	}

	private String sqlName(JsonNode node, String path, String name) {
		String value = fields.text(node, path, name, true);
		if (value != null && !SQL_NAME.matcher(value).matches()) {
			problem(fields.join(path, name), "must be a lowercase SQL name (letters, digits, _), not '" + value + "'");
			return null;
		}
		return value;
	}

	private boolean requireFile(String field, String relative) {
		Path file = fields.insidePackage(packageDir, field, relative);
		if (file != null && !Files.isRegularFile(file)) {
			problem(field, "file '" + relative + "' does not exist in the package");
			return false;
		}
		return file != null;
	}

	private void problem(String field, String message) {
		problems.add(new ManifestProblem(MANIFEST, field, message));
	}

}
