package dev.provingground.provisioning;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provisioner contract's hostile half: a learner's app ({@code src/test/resources/hostile-app}) tries every escape
 * it can from inside its stack, and every attempt must fail, in every mode. The targets are whole classes, not
 * examples: every address of this machine on every port that matters, every file the platform keeps.
 */
public abstract class HostileWorkspaceContract extends StackProvisionerContract {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Environment variables a sandboxed app may have: its own, and what its runtime or image sets. */
	private static final Set<String> OWN_ENVIRONMENT = Set.of("PATH", "HOME", "LANG", "HOST", "PORT", "DATABASE_URL",
			"POOL_SIZE", OsProcesses.STACK_MARKER, "PWD", "HOSTNAME", "NODE_VERSION", "YARN_VERSION", "PGDATA");

	/** A workspace whose app is the hostile one, with the scenario's own dependencies. */
	protected Path hostileWorkspace() throws IOException {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		try (var in = getClass().getResourceAsStream("/hostile-app/server.js")) {
			Files.write(workspace.resolve("server.js"), in.readAllBytes());
		}
		return workspace;
	}

	@Test
	void aHostileAppReachesNothingButItsOwnStack() throws Exception {
		Path data = Files.createDirectories(tempDir.resolve("data"));
		Files.writeString(data.resolve("demo-logins.properties"), "admin=the-admins-password\n");
		Files.createDirectories(data.resolve("secrets"));
		Files.writeString(data.resolve("secrets").resolve("postgres-password"), "the-platforms-secret\n");
		Path otherWorkspace = ProvisioningFixtures.workspace(scenario, tempDir);
		Stack other = provision(scenario.stack(), otherWorkspace);
		Path workspace = hostileWorkspace();
		Stack hostile = provision(scenario.stack(), workspace);
		int platformDatabasePort = platformDatabasePort();
		AtomicInteger accepted = new AtomicInteger();
		try (ServerSocket platformPort = new ServerSocket()) {
			platformPort.bind(new InetSocketAddress("0.0.0.0", 0));
			Thread listener = new Thread(() -> {
				while (!platformPort.isClosed()) {
					try (var socket = platformPort.accept()) {
						accepted.incrementAndGet();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			listener.setDaemon(true);
			listener.start();
			List<List<Object>> connects = new ArrayList<>();
			List<List<Object>> postgres = new ArrayList<>();
			// On loopback, the stack's own ports are its own services (each local stack has a loopback of its own).
			Set<Integer> ownPorts = new java.util.HashSet<>(Set.of(hostile.entrypoint().port(), hostile.database().port()));
			hostile.replicas().forEach(replica -> ownPorts.add(replica.port()));
			for (String address : hostAddresses()) {
				for (int port : List.of(platformDatabasePort, platformPort.getLocalPort(), other.entrypoint().port(),
						other.database().port(), 22, 2375)) {
					if (!(InetAddress.getByName(address).isLoopbackAddress() && ownPorts.contains(port))) {
						connects.add(List.of(address, port));
					}
				}
				postgres.add(List.of(address, platformDatabasePort));
			}
			connects.add(List.of(other.entrypoint().host(), other.entrypoint().port()));
			connects.add(List.of(other.entrypoint().host(), other.database().port()));
			connects.add(List.of("1.1.1.1", 80));
			postgres.add(List.of(other.entrypoint().host(), other.database().port()));
			long platformPid = ProcessHandle.current().pid();
			Path template = Files.list(ProvisioningFixtures.CACHE.resolve("postgres"))
				.filter(Files::isDirectory)
				.findFirst()
				.orElseThrow();
			var plan = Map.of(
					"files", List.of(data.resolve("demo-logins.properties").toString(),
							data.resolve("secrets/postgres-password").toString(),
							otherWorkspace.resolve("server.js").toString(), "/proc/" + platformPid + "/environ",
							"/proc/" + platformPid + "/cmdline", "/etc/shadow",
							template.resolve("pg_hba.conf").toString(), template.resolve("PG_VERSION").toString()),
					"lists", List.of(data.toString(), tempDir.toString(), ProvisioningFixtures.CACHE.toString()),
					"writes", List.of("/tmp/allowed", workspace.resolve("server.js").toString(), "/etc/pwned",
							"/pwned", data.resolve("pwned").toString(), otherWorkspace.resolve("server.js").toString()),
					"connects", connects, "postgres", postgres);

			JsonNode report = probe(hostile, plan);

			assertThat(report.path("uid").asInt()).as("uid").isNotEqualTo(0).isNotEqualTo(platformUid());
			assertThat(report.path("capEff").asText()).as("capabilities").isEqualTo("0000000000000000");
			assertThat(report.path("noNewPrivs").asText()).as("no_new_privs").isEqualTo("1");
			assertThat(report.path("processesSeen").asInt()).as("processes it can see").isLessThan(10);
			List<String> environment = new ArrayList<>();
			report.path("environ").forEach(name -> environment.add(name.asText()));
			assertThat(environment).as("its environment: nothing of the platform's").isSubsetOf(OWN_ENVIRONMENT);
			report.path("files").fields().forEachRemaining(file -> assertThat(file.getValue().asText())
				.as("reading " + file.getKey()).doesNotStartWith("OK"));
			report.path("writes").fields().forEachRemaining(file -> {
				if (file.getKey().equals("/tmp/allowed")) {
					assertThat(file.getValue().asText()).as("its own /tmp").isEqualTo("OK written");
				}
				else {
					assertThat(file.getValue().asText()).as("writing " + file.getKey()).doesNotStartWith("OK");
				}
			});
			report.path("connects").fields().forEachRemaining(target -> assertThat(target.getValue().asText())
				.as("connecting to " + target.getKey()).isNotEqualTo("CONNECTED"));
			report.path("postgres").fields().forEachRemaining(target -> assertThat(target.getValue().asText())
				.as("logging in to PostgreSQL at " + target.getKey()).isNotEqualTo("CONNECTED"));
			assertThat(report.path("connects").size()).as("every target was tried")
				.isEqualTo(connects.stream().map(target -> target.get(0) + ":" + target.get(1)).distinct().count());
			assertThat(accepted.get()).as("connections to the platform's port").isZero();
		}
		assertThat(Files.readString(otherWorkspace.resolve("server.js"))).as("the other workspace, untouched")
			.isNotEqualTo("pwned").contains("Item lookup");
		assertThat(Files.readString(workspace.resolve("server.js"))).as("its own workspace, untouched")
			.isNotEqualTo("pwned").contains("A hostile learner's app");
		assertThat(get(other, "/items/ITEM-0000042").statusCode()).as("the other stack still serves").isEqualTo(200);
	}

	@Test
	void aForkBombADiskFillerAndAMemoryHogMeetTheirLimitsAndHarmOnlyTheirOwnStack() throws Exception {
		Stack other = provision();
		Stack hostile = provision(scenario.stack(), hostileWorkspace());
		var limits = ProvisioningFixtures.LIMITS;

		JsonNode fork = json(get(hostile, "/fork"));
		assertThat(fork.path("running").asInt()).as("processes at once").isLessThanOrEqualTo((int) limits.pids());
		assertThat(fork.path("refused").asText()).as("the process limit refused one").isNotEmpty().isNotEqualTo("null");

		JsonNode fill = json(get(hostile, "/fill"));
		assertThat(fill.path("written").asLong()).as("bytes written to /tmp")
			.isLessThanOrEqualTo(limits.tempSize().toBytes());
		assertThat(fill.path("refused").asText()).isEqualTo("ENOSPC");

		try {
			HttpResponse<String> hog = HTTP.send(HttpRequest.newBuilder(URI.create(
					"http://" + hostile.entrypoint().host() + ":" + hostile.entrypoint().port() + "/hog"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(hog.statusCode()).as("the hog never finishes hoarding 8 GB").isNotEqualTo(200);
		}
		catch (IOException ex) {
			// killed while answering: what the memory limit does
		}
		assertThat(get(other, "/items/ITEM-0000042").statusCode()).as("the other stack serves throughout")
			.isEqualTo(200);
		assertThat(get(other, "/health").statusCode()).isEqualTo(200);

		((NodeProvisioner) provisioner()).watchLimits();
		assertThat(provisioner().find(hostile.id()).orElseThrow().limitsHit()).as("what the learner is told")
			.extracting(LimitHit::service, LimitHit::limit)
			.contains(org.assertj.core.groups.Tuple.tuple("app-0", LimitHit.MEMORY),
					org.assertj.core.groups.Tuple.tuple("app-0", LimitHit.PROCESSES))
			.doesNotContain(org.assertj.core.groups.Tuple.tuple("database", LimitHit.DISK));
		assertThat(provisioner().find(other.id()).orElseThrow().limitsHit()).as("the other stack hit nothing").isEmpty();
	}

	@Test
	void aDatabaseThatOutgrowsItsDiskLimitIsStoppedAndTheLearnerIsTold() throws Exception {
		Stack other = provision();
		Stack hostile = provision(scenario.stack(), hostileWorkspace());
		long limitMb = ProvisioningFixtures.LIMITS.databaseDisk().toMegabytes();

		JsonNode fill = json(get(hostile, "/db-fill?mb=" + (limitMb + 64)));
		assertThat(fill.path("writtenMb").asLong()).as(fill.toString()).isGreaterThan(limitMb);
		((NodeProvisioner) provisioner()).watchLimits();

		assertThat(provisioner().find(hostile.id()).orElseThrow().limitsHit()).singleElement().satisfies(hit -> {
			assertThat(hit.service()).isEqualTo("database");
			assertThat(hit.limit()).isEqualTo(LimitHit.DISK);
			assertThat(hit.message()).contains("disk limit of " + limitMb + " MB");
		});
		assertThat(get(hostile, "/items/ITEM-0000042").statusCode()).as("its database is stopped").isNotEqualTo(200);
		assertThat(get(other, "/items/ITEM-0000042").statusCode()).as("the other stack serves").isEqualTo(200);
	}

	@Test
	void anAppThatRunsIntoItsMemoryLimitAtStartFailsWithTheLimitNamed() throws Exception {
		Path workspace = ProvisioningFixtures.workspace(scenario, tempDir);
		Files.writeString(workspace.resolve("server.js"),
				"const hoard = []; for (;;) hoard.push(Buffer.alloc(16 * 1024 * 1024, 7));\n");

		assertThatThrownBy(() -> provision(scenario.stack(), workspace)).isInstanceOf(StackProvisioningException.class)
			.hasMessageContaining("app-0 exited")
			.hasMessageContaining("memory limit");
	}

	/** The port of the platform's own database in these tests (the stack rows live there). */
	private static int platformDatabasePort() throws Exception {
		try (var connection = ProvisioningFixtures.platformDatabase().getConnection()) {
			return URI.create(connection.getMetaData().getURL().substring("jdbc:".length())).getPort();
		}
	}

	private static int platformUid() throws IOException {
		String status = Files.readString(Path.of("/proc/self/status"));
		return Integer.parseInt(status.lines().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow()
			.split("\\s+")[1]);
	}

	/** Every IPv4 address of this machine's interfaces, loopback included. */
	private static List<String> hostAddresses() throws IOException {
		List<String> addresses = new ArrayList<>();
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address) {
					addresses.add(address.getHostAddress());
				}
			}
		}
		return addresses;
	}

	private static JsonNode probe(Stack stack, Map<String, ?> plan) throws Exception {
		String encoded = Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(plan));
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://"
				+ stack.entrypoint().host() + ":" + stack.entrypoint().port() + "/probe?plan=" + encoded))
			.timeout(Duration.ofMinutes(2))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static JsonNode json(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
