package dev.provingground.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.CheckSpec;
import dev.provingground.load.StackData;
import dev.provingground.provisioning.Stack;

/**
 * HTTP checks: each sample draws fresh values, asks the app, changes the rows behind the answer through the database,
 * and asks again. Every answer is compared, field by field of the contract, with what the database holds for the same
 * values at that moment (and what the scenario's reference program derives from it). Canned answers cannot match rows
 * chosen at random, a copy of the data goes stale at the first change, and a field computed differently is named.
 */
final class HttpChecks {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** How long one answer may take, its body included. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** The largest answer read: far beyond any contract's, and small enough that no app fills the platform's memory. */
	private static final int MAX_ANSWER_BYTES = 1 << 20;

	/** How long the scenario's reference program may take for one check's rows. */
	private static final Duration DERIVE_TIMEOUT = Duration.ofSeconds(60);

	private static final SecureRandom SEEDS = new SecureRandom();

	/** What a change does, and to which table. */
	static final Pattern CHANGE_STATEMENT = Pattern
		.compile("(?is)\\s*(insert\\s+into|update|delete\\s+from)\\s+\"?([A-Za-z_][A-Za-z0-9_.]*)");

	private final HttpClient http;

	HttpChecks(HttpClient http) {
		this.http = http;
	}

	/** A seed for one check run: 48 bits, so that a JSON number (and the UI) carries it exactly. */
	static long newSeed() {
		return SEEDS.nextLong() & ((1L << 48) - 1);
	}

	/**
	 * Runs the samples {@code concurrency} at a time, so that samples taken under load are all taken while the load
	 * runs. The lanes share one database connection: the reads and writes are short, and a connection per lane would
	 * take from the database's budget what an app using its whole role limit is entitled to.
	 */
	CheckVerdict run(CheckSpec.HttpCheck check, Path packageDir, Stack stack, Map<String, List<String>> variables,
			int concurrency, long seed, int failuresSoFar) {
		List<Map<String, String>> samples = samples(check, variables, seed);
		int lanes = Math.min(concurrency, samples.size());
		ExecutorService workers = Executors.newFixedThreadPool(lanes, runnable -> {
			Thread thread = new Thread(runnable, "http-check");
			thread.setDaemon(true);
			return thread;
		});
		List<Observation> observations = new ArrayList<>();
		// A change never lands between another sample's answer and its truth: samples may share rows (one product,
		// two quantities), and an answer must be judged against the data it was given.
		ReadWriteLock changes = new ReentrantReadWriteLock(true);
		AtomicInteger next = new AtomicInteger();
		AtomicBoolean wrongAnswerSeen = new AtomicBoolean();
		try (Connection connection = StackData.connect(stack)) {
			String refusal = GuardedChanges.refusal(connection, check.changes());
			if (refusal != null) {
				return Verdicts.failed(check, refusal, failuresSoFar).drawnFrom(seed);
			}
			List<CompletableFuture<List<Observation>>> running = new ArrayList<>();
			for (int lane = 0; lane < lanes; lane++) {
				running.add(CompletableFuture.supplyAsync(
						() -> observe(check, stack, connection, changes, samples, next, wrongAnswerSeen), workers));
			}
			running.forEach(lane -> observations.addAll(lane.join()));
		}
		catch (SQLException ex) {
			return Verdicts.failed(check, "The check could not connect to your database: " + ex.getMessage(),
					failuresSoFar).drawnFrom(seed);
		}
		catch (CompletionException ex) {
			return Verdicts.failed(check, ex.getCause().getMessage(), failuresSoFar).drawnFrom(seed);
		}
		finally {
			workers.shutdownNow();
		}
		List<Map<String, Object>> derived;
		try {
			derived = derive(check, packageDir, observations);
		}
		catch (IOException ex) {
			return Verdicts.failed(check, "The scenario's reference program for " + check.derived().fields()
					+ " failed: " + ex.getMessage(), failuresSoFar).drawnFrom(seed);
		}
		int matched = 0;
		String firstMismatch = null;
		int row = 0;
		for (Observation observation : observations) {
			List<Map<String, Object>> expected = new ArrayList<>();
			for (Map<String, Object> truthRow : observation.truth()) {
				Map<String, Object> whole = new LinkedHashMap<>(truthRow);
				if (derived != null) {
					whole.putAll(derived.get(row++));
				}
				expected.add(whole);
			}
			String mismatch = compare(check, check.fields(), observation, expected);
			if (mismatch == null) {
				matched++;
			}
			else if (firstMismatch == null) {
				firstMismatch = mismatch;
			}
		}
		int asked = samples.size() * 2;
		List<Measurement> measurements = new ArrayList<>();
		if (wrongAnswerSeen.get()) {
			measurements.add(new Measurement("answers_matching_the_database", matched,
					"all " + asked + " (the check stops at the first wrong answer)", false));
		}
		else {
			long changed = observations.stream().filter(Observation::changedRows).count();
			measurements.add(new Measurement("answers_matching_the_database", matched, "all " + asked,
					matched == observations.size()));
			// A change that touched no row tests nothing: a package whose changes never do is broken.
			measurements.add(new Measurement("samples_whose_data_changed", changed, "at least 1", changed > 0));
		}
		return Verdicts.of(check, measurements, firstMismatch, failuresSoFar).drawnFrom(seed);
	}

	/**
	 * The samples of one check run, drawn from its seed: each has a value of every variable, and no two send the same
	 * request, so that every sample asks something new.
	 */
	static List<Map<String, String>> samples(CheckSpec.HttpCheck check, Map<String, List<String>> variables, long seed) {
		Random random = new Random(seed ^ check.id().hashCode());
		Set<String> asked = new HashSet<>();
		List<Map<String, String>> samples = new ArrayList<>();
		for (int draw = 0; draw < check.samples() * 20 && samples.size() < check.samples(); draw++) {
			Map<String, String> values = new TreeMap<>();
			variables.forEach((name, candidates) -> values.put(name, candidates.get(random.nextInt(candidates.size()))));
			if (asked.add(fill(check.path(), values, true) + " " + fill(check.body() == null ? "" : check.body(), values,
					false))) {
				samples.add(values);
			}
		}
		return samples;
	}

	/** What the app answered to one request, and what the database held for it right after. */
	private record Observation(String moment, Answer answer, List<Map<String, Object>> truth, Map<String, String> values,
			boolean changedRows) {
	}

	/** What the app answered to one sample: a status and body, or the failure. */
	private record Answer(String request, int status, String body, String failure) {
	}

	/**
	 * One lane: takes the next sample until none is left, and for each asks, changes the data (the sample's own change
	 * of the round robin), waits out the freshness bound and asks again. Every lane stops at the first answer that is
	 * plainly wrong: one wrong answer fails the check, and an app that times out would otherwise cost minutes.
	 */
	private List<Observation> observe(CheckSpec.HttpCheck check, Stack stack, Connection connection,
			ReadWriteLock changes, List<Map<String, String>> samples, AtomicInteger next, AtomicBoolean wrongAnswerSeen) {
		List<Observation> observations = new ArrayList<>();
		try {
			for (int sample = next.getAndIncrement(); sample < samples.size()
					&& !wrongAnswerSeen.get(); sample = next.getAndIncrement()) {
				Map<String, String> values = samples.get(sample);
				Observation before = observe(check, stack, connection, changes, values, "", false);
				observations.add(before);
				if (plainlyWrong(check, before)) {
					wrongAnswerSeen.set(true);
					break;
				}
				String change = check.changes().get(sample % check.changes().size());
				GuardedChanges.Applied applied;
				changes.writeLock().lock();
				try {
					applied = GuardedChanges.apply(connection, change, check.truth(), values);
				}
				finally {
					changes.writeLock().unlock();
				}
				if (!check.freshness().isZero()) {
					Thread.sleep(check.freshness().toMillis());
				}
				Observation after = observe(check, stack, connection, changes, values,
						" after the check " + describe(change) + " in the database", applied.rows() > 0);
				GuardedChanges.requireStillThere(change, before.truth(), applied, after.truth());
				observations.add(after);
				if (plainlyWrong(check, after)) {
					wrongAnswerSeen.set(true);
				}
			}
		}
		catch (SQLException ex) {
			throw new CompletionException(new IllegalStateException(
					"The check could not read or change your database: " + ex.getMessage(), ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionException(new IllegalStateException("The check was stopped", ex));
		}
		return observations;
	}

	/**
	 * Whether the answer is wrong whatever the scenario's reference program derives: it failed, or a field the truth
	 * query returns differs.
	 */
	private static boolean plainlyWrong(CheckSpec.HttpCheck check, Observation observation) {
		return compare(check, check.truthFields(), observation, observation.truth()) != null;
	}

	/** One answer and the truth right after it, with no change in between. */
	private Observation observe(CheckSpec.HttpCheck check, Stack stack, Connection connection, ReadWriteLock changes,
			Map<String, String> values, String moment, boolean changedRows) throws SQLException, InterruptedException {
		changes.readLock().lock();
		try {
			Answer answer = ask(check, stack, values);
			return new Observation(moment, answer, truth(connection, check.truth(), values), values, changedRows);
		}
		finally {
			changes.readLock().unlock();
		}
	}

	/** "updated orders", "inserted into price_tiers": what a learner needs to know about a change. */
	static String describe(String change) {
		Matcher statement = CHANGE_STATEMENT.matcher(change);
		if (!statement.lookingAt()) {
			return "changed rows";
		}
		String verb = statement.group(1).toLowerCase(Locale.ROOT);
		String table = statement.group(2);
		return verb.startsWith("insert") ? "inserted a row into " + table
				: verb.startsWith("update") ? "updated " + table : "deleted from " + table;
	}

	private Answer ask(CheckSpec.HttpCheck check, Stack stack, Map<String, String> values) throws InterruptedException {
		String path = fill(check.path(), values, true);
		String request = check.method() + " " + path;
		// The request's own timeout ends with the headers: a body that trickles on would hold the check, and with it
		// the measurement queue, so the whole answer has one deadline.
		var sent = http.sendAsync(request(check, stack, path, values), BoundedBody.atMost(MAX_ANSWER_BYTES));
		try {
			var response = sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return new Answer(request, response.statusCode(), response.body(), null);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			return new Answer(request, 0, null, request + " failed: the whole answer did not arrive within "
					+ TIMEOUT.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			return new Answer(request, 0, null, request + " failed: " + cause.getClass().getSimpleName()
					+ (cause.getMessage() == null ? "" : " " + cause.getMessage()));
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			throw ex;
		}
	}

	/**
	 * The derived fields of every truth row, in order, from the scenario's reference program; null when the contract
	 * has none.
	 */
	private static List<Map<String, Object>> derive(CheckSpec.HttpCheck check, Path packageDir,
			List<Observation> observations) throws IOException {
		if (check.derived() == null) {
			return null;
		}
		StringBuilder input = new StringBuilder();
		int rows = 0;
		for (Observation observation : observations) {
			for (Map<String, Object> row : observation.truth()) {
				Map<String, Object> line = Map.of("values", observation.values(), "row", jsonable(row));
				input.append(JSON.writeValueAsString(line)).append('\n');
				rows++;
			}
		}
		if (rows == 0) {
			return List.of();
		}
		Process process = new ProcessBuilder(check.derived().program()).directory(packageDir.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try (var stdin = process.getOutputStream()) {
			stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
		}
		try {
			if (!process.waitFor(DERIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("it did not finish within " + DERIVE_TIMEOUT.toSeconds() + " s");
			}
			if (process.exitValue() != 0) {
				throw new IOException("it exited with " + process.exitValue());
			}
			List<String> lines = output.join().lines().filter(line -> !line.isBlank()).toList();
			if (lines.size() != rows) {
				throw new IOException("it wrote " + lines.size() + " line(s) for " + rows + " row(s)");
			}
			List<Map<String, Object>> derived = new ArrayList<>();
			for (String line : lines) {
				JsonNode values = JSON.readTree(line);
				Map<String, Object> fields = new LinkedHashMap<>();
				for (String field : check.derived().fields()) {
					if (!values.has(field)) {
						throw new IOException("it wrote no '" + field + "'");
					}
					fields.put(field, plain(values.get(field)));
				}
				derived.add(fields);
			}
			return derived;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("it was stopped", ex);
		}
	}

	/** A truth row as the reference program reads it: times as ISO-8601 text, numbers as numbers. */
	private static Map<String, Object> jsonable(Map<String, Object> row) {
		Map<String, Object> values = new LinkedHashMap<>();
		row.forEach((column, value) -> values.put(column,
				value == null || value instanceof Number || value instanceof Boolean ? value : value.toString()));
		return values;
	}

	/** A derived value as the comparison reads it. */
	private static Object plain(JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			return value.decimalValue();
		}
		return value.isBoolean() ? value.booleanValue() : value.asText();
	}

	/** Null when the app's answer matches the truth in the contract's fields, else what differs. */
	private static String compare(CheckSpec.HttpCheck check, List<String> contract, Observation observation,
			List<Map<String, Object>> truth) {
		Answer answer = observation.answer();
		if (answer.failure() != null) {
			return answer.failure() + observation.moment();
		}
		String request = answer.request() + observation.moment();
		if (truth.isEmpty()) {
			return answer.status() == 404 ? null
					: request + " answered " + answer.status() + ", but the database has no such row, so it must answer 404";
		}
		if (answer.status() < 200 || answer.status() >= 300) {
			return request + " answered " + answer.status() + ", but the database has the data";
		}
		JsonNode body;
		try {
			body = JSON.readTree(answer.body()).at(check.responseAt());
		}
		catch (IOException ex) {
			return request + " did not answer with JSON";
		}
		if (body.isMissingNode()) {
			return request + " answered without " + check.responseAt();
		}
		if (body.isArray()) {
			if (body.size() != truth.size()) {
				return request + " answered " + body.size() + " item(s), the database has " + truth.size();
			}
			for (int i = 0; i < truth.size(); i++) {
				String difference = difference(contract, body.get(i), truth.get(i));
				if (difference != null) {
					return request + ": item " + i + ": " + difference;
				}
			}
			return null;
		}
		if (truth.size() > 1) {
			return request + " answered one object, but the database has " + truth.size() + " rows";
		}
		String difference = difference(contract, body, truth.get(0));
		return difference == null ? null : request + ": " + difference;
	}

	private HttpRequest request(CheckSpec.HttpCheck check, Stack stack, String path, Map<String, String> values) {
		var builder = HttpRequest.newBuilder(URI.create(
				"http://" + stack.entrypoint().host() + ":" + stack.entrypoint().port() + path))
			.timeout(TIMEOUT);
		if (check.body() == null) {
			return builder.method(check.method(), HttpRequest.BodyPublishers.noBody()).build();
		}
		return builder.header("content-type", "application/json")
			.method(check.method(), HttpRequest.BodyPublishers.ofString(fill(check.body(), values, false)))
			.build();
	}

	/** Every field of the contract must be in the object, with the value the checker computed; the object may hold more. */
	private static String difference(List<String> contract, JsonNode object, Map<String, Object> expected) {
		if (object == null || !object.isObject()) {
			return "the answer is not a JSON object";
		}
		for (String name : contract) {
			JsonNode field = object.get(name);
			Object value = expected.get(name);
			if (field == null) {
				return "field " + name + " is missing";
			}
			if (!equal(field, value)) {
				return "field " + name + " is " + field + ", the database says " + value;
			}
		}
		return null;
	}

	/** JSON and SQL values compare by meaning: 12.50 equals "12.5" (node-postgres sends numerics as text). */
	static boolean equal(JsonNode field, Object expected) {
		if (expected == null) {
			return field.isNull();
		}
		if (expected instanceof Number number) {
			try {
				return new BigDecimal(field.asText()).compareTo(new BigDecimal(number.toString())) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		if (expected instanceof Boolean bool) {
			return field.isBoolean() ? field.booleanValue() == bool : field.asText().equals(bool.toString());
		}
		if (expected instanceof OffsetDateTime time) {
			try {
				return OffsetDateTime.parse(field.asText()).toInstant().equals(time.toInstant());
			}
			catch (RuntimeException ex) {
				return false;
			}
		}
		return field.isValueNode() && field.asText().equals(expected.toString());
	}

	/** The statement with its {@code :name} parameters bound to the sample's values. */
	static PreparedStatement prepare(Connection connection, String sql, Map<String, String> values)
			throws SQLException {
		List<String> names = new ArrayList<>();
		Matcher parameter = CheckSpec.HttpCheck.TRUTH_PARAMETER.matcher(sql);
		StringBuilder jdbcSql = new StringBuilder();
		while (parameter.find()) {
			names.add(parameter.group(1));
			parameter.appendReplacement(jdbcSql, "?");
		}
		parameter.appendTail(jdbcSql);
		PreparedStatement statement = connection.prepareStatement(jdbcSql.toString());
		for (int i = 0; i < names.size(); i++) {
			// Untyped, so PostgreSQL infers the type from the column it is compared with.
			statement.setObject(i + 1, values.get(names.get(i)), Types.OTHER);
		}
		return statement;
	}

	private static List<Map<String, Object>> truth(Connection connection, String sql, Map<String, String> values)
			throws SQLException {
		synchronized (connection) {
			return rows(connection, sql, values);
		}
	}

	static List<Map<String, Object>> rows(Connection connection, String sql, Map<String, String> values)
			throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, values)) {
			statement.setMaxRows(1000);
			List<Map<String, Object>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				ResultSetMetaData meta = result.getMetaData();
				while (result.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int column = 1; column <= meta.getColumnCount(); column++) {
						Object value = meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
								|| meta.getColumnType(column) == Types.TIMESTAMP
										? result.getObject(column, OffsetDateTime.class) : result.getObject(column);
						row.put(meta.getColumnLabel(column), value);
					}
					rows.add(row);
				}
			}
			return rows;
		}
	}

	private static String fill(String template, Map<String, String> values, boolean urlEncode) {
		Matcher placeholder = CheckSpec.HttpCheck.PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (placeholder.find()) {
			String value = values.getOrDefault(placeholder.group(1), "");
			placeholder.appendReplacement(filled,
					Matcher.quoteReplacement(urlEncode ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value));
		}
		placeholder.appendTail(filled);
		return filled.toString();
	}

}
