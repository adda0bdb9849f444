package dev.provingground.checks;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.catalog.CheckSpec;
import dev.provingground.load.StackData;
import dev.provingground.provisioning.Stack;

/**
 * HTTP checks: each sample draws fresh values, asks the app, and compares its answer with what the database holds
 * for the same values. Canned or made-up answers cannot match rows chosen at random.
 */
final class HttpChecks {

	private static final ObjectMapper JSON = new ObjectMapper();


	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http;

	HttpChecks(HttpClient http) {
		this.http = http;
	}

	/**
	 * Sends every sample's request first, {@code concurrency} at a time, and compares the answers with the database
	 * afterwards, so that samples taken under load are all taken while the load runs.
	 */
	CheckVerdict run(CheckSpec.HttpCheck check, Stack stack, Map<String, List<String>> variables, int concurrency,
			int failuresSoFar) {
		List<Map<String, String>> samples = new ArrayList<>();
		for (int sample = 0; sample < check.samples(); sample++) {
			Map<String, String> values = new HashMap<>();
			variables.forEach((name, candidates) -> values.put(name,
					candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()))));
			samples.add(values);
		}
		List<Answer> answers = send(check, stack, samples, concurrency);
		int matched = 0;
		String firstMismatch = null;
		try (Connection connection = StackData.connect(stack)) {
			connection.setReadOnly(true);
			for (int sample = 0; sample < samples.size(); sample++) {
				String mismatch = compare(check, answers.get(sample), truth(connection, check.truth(), samples.get(sample)));
				if (mismatch == null) {
					matched++;
				}
				else if (firstMismatch == null) {
					firstMismatch = mismatch;
				}
			}
		}
		catch (SQLException ex) {
			return Verdicts.failed(check, "The truth query failed on your database: " + ex.getMessage(), failuresSoFar);
		}
		var measurement = new Measurement("answers_matching_the_database", matched, "all " + check.samples(),
				matched == check.samples());
		return Verdicts.of(check, List.of(measurement), firstMismatch, failuresSoFar);
	}

	/** What the app answered to one sample: a status and body, or the failure. */
	private record Answer(String request, int status, String body, String failure) {
	}

	private List<Answer> send(CheckSpec.HttpCheck check, Stack stack, List<Map<String, String>> samples,
			int concurrency) {
		Semaphore inFlight = new Semaphore(concurrency);
		List<CompletableFuture<Answer>> answers = new ArrayList<>();
		for (Map<String, String> values : samples) {
			String path = fill(check.path(), values, true);
			String request = check.method() + " " + path;
			inFlight.acquireUninterruptibly();
			answers.add(http.sendAsync(request(check, stack, path, values), HttpResponse.BodyHandlers.ofString())
				.handle((response, failure) -> {
					inFlight.release();
					if (failure != null) {
						Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
						return new Answer(request, 0, null, request + " failed: " + cause.getClass().getSimpleName()
								+ (cause.getMessage() == null ? "" : " " + cause.getMessage()));
					}
					return new Answer(request, response.statusCode(), response.body(), null);
				}));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/** Null when the app's answer matches the truth, else what differs. */
	private static String compare(CheckSpec.HttpCheck check, Answer answer, List<Map<String, Object>> truth) {
		if (answer.failure() != null) {
			return answer.failure();
		}
		String request = answer.request();
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
				String difference = difference(body.get(i), truth.get(i));
				if (difference != null) {
					return request + ": item " + i + ": " + difference;
				}
			}
			return null;
		}
		if (truth.size() > 1) {
			return request + " answered one object, but the database has " + truth.size() + " rows";
		}
		String difference = difference(body, truth.get(0));
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

	/** Every column of the row must be in the object, with an equal value; the object may hold more. */
	private static String difference(JsonNode object, Map<String, Object> row) {
		if (object == null || !object.isObject()) {
			return "the answer is not a JSON object";
		}
		for (var column : row.entrySet()) {
			JsonNode field = object.get(column.getKey());
			if (field == null) {
				return "field " + column.getKey() + " is missing";
			}
			if (!equal(field, column.getValue())) {
				return "field " + column.getKey() + " is " + field + ", the database says " + column.getValue();
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

	private static List<Map<String, Object>> truth(Connection connection, String sql, Map<String, String> values)
			throws SQLException {
		List<String> names = new ArrayList<>();
		Matcher parameter = CheckSpec.HttpCheck.TRUTH_PARAMETER.matcher(sql);
		StringBuilder jdbcSql = new StringBuilder();
		while (parameter.find()) {
			names.add(parameter.group(1));
			parameter.appendReplacement(jdbcSql, "?");
		}
		parameter.appendTail(jdbcSql);
		try (PreparedStatement statement = connection.prepareStatement(jdbcSql.toString())) {
			for (int i = 0; i < names.size(); i++) {
				// Untyped, so PostgreSQL infers the type from the column it is compared with.
				statement.setObject(i + 1, values.get(names.get(i)), Types.OTHER);
			}
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
