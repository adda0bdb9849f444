package dev.provingground;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One platform node as its own JVM, started from the test's classpath (the application's classes and dependencies,
 * without the test classes, whose configurations would be picked up by the component scan). Settings go in as the
 * environment variables a deployment uses, plus {@code --name=value} arguments for the test's short intervals.
 */
final class ClusterNode {

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private ClusterNode(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	static ClusterNode start(String name, Path logDir, Map<String, String> environment, List<String> arguments) {
		int port = freePort();
		String classpath = applicationClasspath();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				// Small and quick: two of these share two cores with the test, the stacks and their load.
				"-Xmx640m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
				"dev.provingground.ProvingGroundApplication"));
		command.addAll(arguments);
		Path log = logDir.resolve(name + ".log");
		var builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().put("PROVINGGROUND_NODE_NAME", name);
		try {
			Process process = builder.start();
			// A test JVM that is itself stopped (SIGTERM) stops its nodes too, which stop their servers and stacks.
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				if (process.isAlive()) {
					process.destroy();
					try {
						process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}, "stop-" + name));
			return new ClusterNode(name, port, log, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start platform node " + name, ex);
		}
	}

	/**
	 * Runs another main class of the application (a command such as the backup), as {@code ./run} would, and returns
	 * its exit code and output.
	 */
	static Command run(String mainClass, Map<String, String> environment, List<String> arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", applicationClasspath(), mainClass));
		command.addAll(arguments);
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		return new Command(process.waitFor(), output);
	}

	record Command(int exitCode, String output) {
	}

	/** Waits for the readiness probe; fails at once, with the node's log, if the JVM ended. */
	void awaitReady(Duration timeout) throws InterruptedException {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		var request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new AssertionError("Platform node " + name + " ended with " + process.exitValue() + ":\n" + logTail(60));
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Platform node " + name + " was not ready within " + timeout + ":\n" + logTail(60));
	}

	/** {@code kill -9}: no shutdown hook, no graceful stop; its locks, heartbeats and stack processes stay behind. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** A graceful stop (SIGTERM), as an operator's Ctrl-C: the platform stops what it started. */
	void stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("Platform node " + name + " did not stop within 90 s of SIGTERM:\n" + logTail(40));
		}
	}

	/** Waits for the JVM to end, when something else killed it. */
	void awaitEnd() throws InterruptedException {
		process.waitFor();
	}

	boolean alive() {
		return process.isAlive();
	}

	long pid() {
		return process.pid();
	}

	String name() {
		return name;
	}

	String url() {
		return "http://127.0.0.1:" + port;
	}

	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The classpath the application runs with. Surefire hands the test's classpath to the test in
	 * {@code surefire.test.class.path} (its own {@code java.class.path} is a manifest-only jar).
	 */
	private static String applicationClasspath() {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String separator = System.getProperty("path.separator");
		String application = Arrays.stream(classpath.split(separator))
			.filter(entry -> !Path.of(entry).endsWith("test-classes"))
			.collect(Collectors.joining(separator));
		if (!application.contains("camunda-engine")) {
			throw new AssertionError("The test's classpath does not hold the application's dependencies: " + classpath);
		}
		return application;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
