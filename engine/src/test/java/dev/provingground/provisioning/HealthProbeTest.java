package dev.provingground.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The health probe against an app that answers its headers and then trickles its body on without end. */
class HealthProbeTest {

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS) // the probe used to wait for such a body forever
	void anAppThatTricklesItsHealthAnswerIsNotHealthyAndTheProbeSaysWhy() throws Exception {
		try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread app = daemon(() -> trickle(server));
			var probe = new HealthProbe(Duration.ofSeconds(5));

			assertThatThrownBy(() -> probe.await("app-0", "127.0.0.1", server.getLocalPort(), "/health", () -> {
			}, () -> "(its output)")).isInstanceOf(StackProvisioningException.class)
				.hasMessageContaining("app-0 did not become healthy within 5 s")
				.hasMessageContaining("GET /health did not answer within 2 s");
			app.interrupt();
		}
	}

	private static Thread daemon(Runnable work) {
		Thread thread = new Thread(work, "trickling-app");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Answers every connection with a 200 whose promised body comes one byte a second. */
	private static void trickle(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				daemon(() -> {
					try (client; OutputStream out = client.getOutputStream()) {
						out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
						for (int i = 0; i < 100_000; i++) {
							out.write(' ');
							out.flush();
							Thread.sleep(1000);
						}
					}
					catch (IOException | InterruptedException ended) {
						// the probe hung up
					}
				});
			}
			catch (IOException closed) {
				return;
			}
		}
	}

}
