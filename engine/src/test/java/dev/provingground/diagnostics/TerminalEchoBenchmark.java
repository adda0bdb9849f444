package dev.provingground.diagnostics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.BenchmarkApplication;

/**
 * {@code bench/run terminal}: the round trip from a keystroke sent over the terminal's WebSocket to its echo coming
 * back through the pseudo-terminal in the stack, on loopback, over KEYSTROKES keystrokes (default 1,000) with the stack
 * idle and again while its check load runs, one keystroke in flight at a time. Prints p50 and p99 of each and the ratio
 * of the loaded p99 to the idle one. Goal: p99 at most 50 ms under load.
 */
public final class TerminalEchoBenchmark {

	private static final String PASSWORD = "bench-password";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	public static void main(String[] args) throws Exception {
		int keystrokes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		var context = BenchmarkApplication.start(List.of(), "--provingground.identity.demo-passwords.tester=" + PASSWORD);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Map<String, Object> figures = new LinkedHashMap<>();
		try {
			String base = "http://localhost:" + port;
			String runId = api(base, "POST", "/api/runs", "{\"scenarioId\": \"item-lookup\"}").get("id").asText();
			awaitRun(base, runId, run -> run.get("state").asText().equals("WORKING") && run.hasNonNull("baselineReport")
					&& run.get("busyWith").isNull());
			var echoes = new LinkedBlockingQueue<Long>();
			WebSocket socket = HTTP.newWebSocketBuilder()
				.header("Authorization", basic())
				.buildAsync(URI.create("ws://localhost:" + port + "/api/runs/" + runId + "/diagnostics/terminal?cols=200&rows=50"),
						new WebSocket.Listener() {
							@Override
							public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
								echoes.add(System.nanoTime());
								webSocket.request(1);
								return null;
							}
						})
				.join();
			Thread.sleep(2000); // the shell's first prompt
			echoes.clear();
			List<Double> idle = type(socket, echoes, keystrokes);

			AtomicBoolean measuring = new AtomicBoolean(true);
			AtomicInteger loadRuns = new AtomicInteger();
			Thread load = new Thread(() -> keepLoading(base, runId, measuring, loadRuns), "bench-load");
			load.start();
			awaitRun(base, runId, run -> "load".equals(run.path("busyWith").asText()));
			Thread.sleep(3000); // past the load's warm-up
			List<Double> loaded = type(socket, echoes, keystrokes);
			measuring.set(false);
			load.join();
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

			figures.put("keystrokes", keystrokes);
			figures.put("idle_p50_ms", round(percentile(idle, 50)));
			figures.put("idle_p99_ms", round(percentile(idle, 99)));
			figures.put("loaded_p50_ms", round(percentile(loaded, 50)));
			figures.put("loaded_p99_ms", round(percentile(loaded, 99)));
			figures.put("loaded_to_idle_p99", round(percentile(loaded, 99) / percentile(idle, 99)));
			figures.put("load_runs_started", loadRuns.get());
			figures.put("goal_p99_ms", 50);
		}
		finally {
			context.close();
		}
		System.out.println(JSON.writeValueAsString(figures));
		System.exit(0);
	}

	/** Types one character at a time, each after the echo of the one before; a line is cleared every 100. */
	private static List<Double> type(WebSocket socket, LinkedBlockingQueue<Long> echoes, int keystrokes) throws Exception {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < keystrokes; i++) {
			if (i % 100 == 0) {
				send(socket, "\u0015"); // Ctrl-U: a fresh line, not measured
				echoes.poll(2, TimeUnit.SECONDS);
				Thread.sleep(20);
				echoes.clear();
			}
			long sent = System.nanoTime();
			send(socket, String.valueOf((char) ('a' + i % 26)));
			Long echoed = echoes.poll(5, TimeUnit.SECONDS);
			if (echoed == null) {
				throw new IllegalStateException("no echo within 5 s for keystroke " + i);
			}
			millis.add((echoed - sent) / 1e6);
			Thread.sleep(5);
			echoes.clear();
		}
		send(socket, "\u0015");
		return millis;
	}

	private static void send(WebSocket socket, String keys) throws Exception {
		socket.sendText(JSON.writeValueAsString(Map.of("type", "input", "data", keys)), true).get(5, TimeUnit.SECONDS);
	}

	/** Starts the check profile's load whenever the run is idle, until the measurement ends. */
	private static void keepLoading(String base, String runId, AtomicBoolean measuring, AtomicInteger started) {
		try {
			while (measuring.get()) {
				JsonNode run = api(base, "GET", "/api/runs/" + runId, null);
				if (run.get("busyWith").isNull()) {
					api(base, "POST", "/api/runs/" + runId + "/actions", "{\"action\": \"load\", \"profile\": \"check\"}");
					started.incrementAndGet();
				}
				Thread.sleep(300);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode awaitRun(String base, String runId, java.util.function.Predicate<JsonNode> condition)
			throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode run = api(base, "GET", "/api/runs/" + runId, null);
			if (condition.test(run)) {
				return run;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the run did not get there within 3 minutes");
	}

	private static JsonNode api(String base, String method, String path, String body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic())
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("tester:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static double round(double value) {
		return Double.parseDouble(String.format(Locale.ROOT, "%.2f", value));
	}

}
