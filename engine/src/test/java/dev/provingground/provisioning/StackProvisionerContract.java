package dev.provingground.provisioning;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.provingground.catalog.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link StackProvisioner} must do, on real processes. An implementation's test extends this class and
 * says how to build the provisioner and how to look for leftovers.
 */
public abstract class StackProvisionerContract {

	protected static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	protected Path tempDir;

	protected final Scenario scenario = ProvisioningFixtures.scenario("item-lookup");

	private final List<Stack> started = new ArrayList<>();

	protected abstract StackProvisioner provisioner();

	/** Fails unless nothing of the stack is left: no process, no database, no files. */
	protected abstract void assertNothingLeftOf(Stack stack);

	/** Whether the learner can follow the balancer's access log ({@code balancer-access}); Docker stacks keep none. */
	protected boolean keepsAnAccessLog() {
		return true;
	}

	@AfterEach
	void tearDownStartedStacks() {
		started.forEach(stack -> provisioner().tearDown(stack.id()));
	}

	protected Stack provision(StackSpec spec, Path workspace) {
		Stack stack = provisioner().provision(ProvisioningFixtures.request(scenario, spec, "ada", workspace));
		started.add(stack);
		return stack;
	}

	protected Stack provision() {
		return provision(scenario.stack(), ProvisioningFixtures.workspace(scenario, tempDir));
	}

	@Test
	void aProvisionedStackIsReadyAndServesFromTheSeededDatabaseOnThisMachine() throws Exception {
		Stack stack = provision();

		assertThat(stack.state()).isEqualTo(StackState.READY);
		assertThat(stack.ownerId()).isEqualTo("ada");
		assertThat(java.net.InetAddress.getByName(stack.entrypoint().host()).isLoopbackAddress()
				|| java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(stack.entrypoint().host()))
					== null).as("the stack is reached on loopback, or in a namespace of this machine").isTrue();
		assertThat(stack.replicas()).hasSize(1);
		HttpResponse<String> item = get(stack, "/items/ITEM-0000042");
		assertThat(item.statusCode()).isEqualTo(200);
		assertThat(item.body()).contains("\"sku\":\"ITEM-0000042\"");
		try (Connection db = superuser(stack); ResultSet count = db.createStatement()
			.executeQuery("SELECT count(*) FROM items")) {
			count.next();
			assertThat(count.getLong(1)).isEqualTo(1_000_000);
		}
		assertThat(provisioner().find(stack.id())).hasValueSatisfying(
				found -> assertThat(found.entrypoint()).isEqualTo(stack.entrypoint()));
	}

	@Test
	void theDatabaseHasTheScenariosSettingsAndEnforcesTheRoleConnectionLimit() throws Exception {
		Stack stack = provision();
		try (Connection db = superuser(stack); ResultSet setting = db.createStatement()
			.executeQuery("SHOW max_connections")) {
			setting.next();
			assertThat(setting.getString(1)).as("the scenario's, and the console's kept slots")
				.isEqualTo(Integer.toString(40 + consoleReserved()));
		}

		List<Connection> connections = new ArrayList<>();
		try {
			assertThatThrownBy(() -> {
				for (int i = 0; i < 25; i++) {
					connections.add(DriverManager.getConnection(stack.database().jdbcUrl(), "shop",
							ProvisioningFixtures.CREDENTIALS.app(stack.id())));
				}
			}).isInstanceOf(SQLException.class).hasMessageContaining("too many connections for role \"shop\"");
			assertThat(connections.size()).isLessThanOrEqualTo(20);
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	/**
	 * The console's role (the learner's SQL console and terminal) still connects when every other slot is taken, as
	 * it is when an app without a pool saturates its database: that is when the learner needs to look.
	 */
	@Test
	void theConsoleConnectsWhenTheAppTookEveryOtherSlot() throws Exception {
		if (consoleReserved() == 0) {
			return; // this provisioner's test database predates reserved_connections (PostgreSQL 16)
		}
		Stack stack = provision();
		List<Connection> connections = new ArrayList<>();
		try {
			// Superusers take ordinary slots first: these fill all of them, as a saturating app's would.
			int ordinary = 40 - 3;
			for (int i = 0; i < ordinary; i++) {
				connections.add(DriverManager.getConnection(stack.database().jdbcUrl(), StackDatabases.SUPERUSER,
						ProvisioningFixtures.CREDENTIALS.superuser(stack.id())));
			}
			assertThatThrownBy(() -> DriverManager.getConnection(stack.database().jdbcUrl(), "shop",
					ProvisioningFixtures.CREDENTIALS.app(stack.id())).close())
				.isInstanceOf(SQLException.class).hasMessageContaining("reserved");
			try (Connection console = DriverManager.getConnection(stack.database().jdbcUrl(), StackConsoles.ROLE,
					ProvisioningFixtures.CREDENTIALS.console(stack.id()));
					ResultSet sessions = console.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity")) {
				sessions.next();
				assertThat(sessions.getInt(1)).isGreaterThan(ordinary);
			}
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	/** How many connection slots the stack's database keeps for the console's role. */
	protected int consoleReserved() {
		return StackDatabases.CONSOLE_RESERVED;
	}

	@Test
	void theAppRestartsFromTheEditedWorkspace() throws Exception {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		Stack stack = provision(scenario.stack(), workspace);
		Path server = workspace.resolve("server.js");
		Files.writeString(server, Files.readString(server).replace("{ status: 'ok' }", "{ status: 'edited' }"));

		Stack restarted = provisioner().restartApp(stack.id(), 1);

		assertThat(restarted.state()).isEqualTo(StackState.READY);
		assertThat(restarted.replicas().get(0).pid()).isNotEqualTo(stack.replicas().get(0).pid());
		assertThat(get(restarted, "/health").body()).contains("edited");
	}

	@Test
	void aRestartCanChangeTheReplicaCountBehindTheSameBalancerAddress() throws Exception {
		StackSpec scalable = behindBalancer(1, null, "round_robin");
		Stack stack = provision(scalable, ProvisioningFixtures.workspace(scenario, tempDir));

		Stack scaledOut = provisioner().restartApp(stack.id(), 3);

		assertThat(scaledOut.replicas()).hasSize(3);
		assertThat(scaledOut.entrypoint()).isEqualTo(stack.entrypoint());
		var before = requestsOnceLogged(stack, 1); // the balancer's health check, once it is logged
		long countedBefore = before.values().stream().mapToLong(Long::longValue).sum();
		for (int i = 0; i < 6; i++) {
			assertThat(get(scaledOut, "/items/ITEM-000000" + (i + 1)).statusCode()).isEqualTo(200);
		}
		assertThat(requestsOnceLogged(stack, countedBefore + 6)).containsOnlyKeys(0, 1, 2)
			.allSatisfy((replica, requests) -> assertThat(requests - before.get(replica)).as("replica " + replica)
				.isEqualTo(2L));

		Stack scaledIn = provisioner().restartApp(stack.id(), 1);
		assertThat(scaledIn.replicas()).hasSize(1);
		assertThat(get(scaledIn, "/health").statusCode()).isEqualTo(200);
		scaledOut.replicas().subList(1, 3).forEach(replica -> assertThat(listening(stack, replica.port())).isFalse());
	}

	@Test
	void eachServiceOutputCanBeTailed() {
		Stack stack = provision();

		assertThat(provisioner().tail(stack.id(), "app-0", 10)).anySatisfy(line -> assertThat(line).contains("listening"));
		assertThat(provisioner().tail(stack.id(), "database", 50)).isNotEmpty();
		assertThatThrownBy(() -> provisioner().tail(stack.id(), "../../etc/passwd", 10))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * The learner's terminal: a shell inside the stack, with psql preset for its database as the read-only console role,
	 * the app at {@code $APP}, the everyday tools, and nothing of the host's processes.
	 */
	@Test
	void aShellInTheStackReachesItsDatabaseAndAppAndNothingElse() throws Exception {
		Stack stack = provision();
		try (var screen = new ShellScreen(provisioner().openShell(stack.id(), 80, 24))) {
			assertThat(screen.run("psql -Atc 'SELECT current_user, count(*) > 0 FROM pg_stat_activity'"))
				.isEqualTo("console|t");
			assertThat(screen.run("psql -Atc \"UPDATE items SET name = 'x'\" 2>&1")).contains("read-only");
			assertThat(screen.run("curl -s $APP/health")).contains("ok");
			assertThat(screen.run("node -e 'console.log(6 * 7)'")).isEqualTo("42");
			assertThat(screen.run("id -u")).as("the stack's own unprivileged user").isNotEqualTo("0");
			assertThat(screen.run("ps -e -o comm= | sort -u")).as("only the shell's own processes")
				.doesNotContain("java", "postgres");
			// A service of the host's that answers on every interface: the shell reaches it on none of the host's addresses.
			var hostService = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(0), 0);
			hostService.createContext("/", exchange -> {
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			hostService.start();
			try {
				assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
						+ hostService.getAddress().getPort() + "/")).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode()).as("the host's service answers the host").isEqualTo(200);
				for (String host : hostAddresses()) {
					assertThat(screen.run("curl -s -m 2 -o /dev/null -w '%{http_code}' http://" + host + ":"
							+ hostService.getAddress().getPort() + "/")).as("the host's service on " + host)
						.isEqualTo("000");
				}
			}
			finally {
				hostService.stop(0);
			}
			assertThat(screen.run("stty size")).isEqualTo("24 80");
			screen.resize(100, 30);
			assertThat(screen.run("stty size")).isEqualTo("30 100");
		}
		assertThatThrownBy(() -> provisioner().openShell(stack.id(), 0, 24)).isInstanceOf(IllegalArgumentException.class);
	}

	/** This machine's loopback address and its IPv4 addresses on other interfaces (a Docker bridge's among them). */
	private static List<String> hostAddresses() throws java.net.SocketException {
		List<String> addresses = new ArrayList<>(List.of("127.0.0.1"));
		for (var network : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				network.inetAddresses()
					.filter(java.net.Inet4Address.class::isInstance)
					.map(java.net.InetAddress::getHostAddress)
					.forEach(addresses::add);
			}
		}
		return addresses;
	}

	@Test
	void anAppThatCannotStartFailsTheStackWithItsOutputAndLeavesNothingRunning() throws Exception {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		Files.writeString(workspace.resolve("server.js"), "console.error('boom: CONFIG is missing'); process.exit(3);\n");

		assertThatThrownBy(() -> provision(scenario.stack(), workspace)).isInstanceOf(StackProvisioningException.class)
			.hasMessageContaining("app-0 exited with code 3")
			.hasMessageContaining("boom: CONFIG is missing");
	}

	@Test
	void replicasBehindTheBalancerEachServeRequests() throws Exception {
		StackSpec twoReplicas = behindBalancer(2, null, "round_robin");

		Stack stack = provision(twoReplicas, ProvisioningFixtures.workspace(scenario, tempDir));

		assertThat(stack.replicas()).hasSize(2);
		assertThat(stack.replicas()).extracting(Stack.Replica::port).doesNotContain(stack.entrypoint().port());
		long countedBefore = requestsOnceLogged(stack, 1).values().stream().mapToLong(Long::longValue).sum();
		for (int i = 0; i < 9; i++) {
			assertThat(get(stack, "/items/ITEM-000000" + (i + 1)).statusCode()).isEqualTo(200);
		}
		assertThat(requestsOnceLogged(stack, countedBefore + 9)).as("requests per replica, round robin")
			.containsOnlyKeys(0, 1)
			.allSatisfy((replica, requests) -> assertThat(requests).isBetween(4L, 5L));
		if (keepsAnAccessLog()) {
			assertThat(provisioner().tail(stack.id(), "balancer-access", 50)).as("the balancer's access log")
				.anySatisfy(line -> assertThat(line).contains("200", "\"GET /items/ITEM-0000009 HTTP/1.1\""));
		}
		assertThat(provisioner().replicaUsage(stack.id())).hasSize(2)
			.allSatisfy(usage -> assertThat(usage.rssBytes()).isGreaterThan(10_000_000L))
			.allSatisfy(usage -> assertThat(usage.cpuTimeNanos()).isPositive());
		for (Stack.Replica replica : stack.replicas()) {
			HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(
					URI.create("http://" + stack.entrypoint().host() + ":" + replica.port() + "/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(direct.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void teardownLeavesNoProcessDatabaseOrFile() throws Exception {
		StackSpec withBalancer = behindBalancer(2, scenario.stack().app().cpuLimit(), "least_conn");
		Stack stack = provision(withBalancer, ProvisioningFixtures.workspace(scenario, tempDir));

		provisioner().tearDown(stack.id());

		assertThat(provisioner().find(stack.id())).hasValueSatisfying(
				stopped -> assertThat(stopped.state()).isEqualTo(StackState.STOPPED));
		assertThat(listening(stack, stack.database().port())).as("database port").isFalse();
		assertThat(listening(stack, stack.entrypoint().port())).as("balancer port").isFalse();
		stack.replicas().forEach(replica -> assertThat(listening(stack, replica.port())).as("replica port").isFalse());
		assertNothingLeftOf(stack);
		provisioner().tearDown(stack.id()); // a second teardown does nothing
	}

	/**
	 * Requests per replica once the balancer has counted this many: nginx logs a request after answering it, so the
	 * last line may follow the response by a moment.
	 */
	private Map<Integer, Long> requestsOnceLogged(Stack stack, long total) throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		Map<Integer, Long> counts = provisioner().requestsPerReplica(stack.id());
		while (counts.values().stream().mapToLong(Long::longValue).sum() < total && System.nanoTime() < deadline) {
			Thread.sleep(50);
			counts = provisioner().requestsPerReplica(stack.id());
		}
		return counts;
	}

	/** The test scenario's stack with this many replicas behind nginx. */
	protected StackSpec behindBalancer(int replicas, Double cpuLimit, String method) {
		return new StackSpec(scenario.stack().database(), scenario.stack().app().withReplicas(replicas).withCpuLimit(cpuLimit),
				new StackSpec.BalancerSpec(method, null));
	}

	protected static HttpResponse<String> get(Stack stack, String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(
				"http://" + stack.entrypoint().host() + ":" + stack.entrypoint().port() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	protected static Connection superuser(Stack stack) throws SQLException {
		return DriverManager.getConnection(stack.database().jdbcUrl(), stack.database().user(), stack.database().password());
	}

	protected static boolean listening(Stack stack, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(stack.entrypoint().host(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
