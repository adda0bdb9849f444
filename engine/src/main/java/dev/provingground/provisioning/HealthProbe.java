package dev.provingground.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a stack's service to answer 2xx on its health path, on the stack's address, whoever started it. */
final class HealthProbe {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Duration timeout;

	HealthProbe(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * @param stillRunning fails, with the service's output, once its process or container has ended: there is no
	 * point waiting for a service that is gone
	 * @param lastOutput the service's last lines, for the message when it does not become healthy in time
	 */
	void await(String service, String host, int port, String healthPath, Runnable stillRunning,
			Supplier<String> lastOutput) {
		var request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + healthPath))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastProblem = "no answer yet";
		while (System.nanoTime() < deadline) {
			stillRunning.run();
			try {
				int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status >= 200 && status < 300) {
					return;
				}
				lastProblem = "GET " + healthPath + " answered " + status;
			}
			catch (IOException ex) {
				lastProblem = "GET " + healthPath + " failed: " + ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StackProvisioningException("Interrupted while waiting for " + service);
			}
			OsProcesses.sleep(25);
		}
		throw new StackProvisioningException(service + " did not become healthy within " + timeout.toSeconds()
				+ " s (" + lastProblem + "). Its last output:\n" + lastOutput.get());
	}

}
