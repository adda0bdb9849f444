package dev.provingground.provisioning;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits for a stack's service to answer 2xx on its health path, on the stack's address, whoever started it. */
final class HealthProbe {

	/** How long one health answer may take, its body included. */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

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
			.timeout(ANSWER_TIMEOUT)
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastProblem = "no answer yet";
		while (System.nanoTime() < deadline) {
			stillRunning.run();
			// The request's timeout ends with the headers: an app that trickles its body on gets the same deadline.
			var sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
			try {
				int status = sent.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
				if (status >= 200 && status < 300) {
					return;
				}
				lastProblem = "GET " + healthPath + " answered " + status;
			}
			catch (TimeoutException ex) {
				sent.cancel(true);
				lastProblem = "GET " + healthPath + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
			}
			catch (ExecutionException ex) {
				lastProblem = "GET " + healthPath + " failed: " + ex.getCause().getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				sent.cancel(true);
				Thread.currentThread().interrupt();
				throw new StackProvisioningException("Interrupted while waiting for " + service);
			}
			OsProcesses.sleep(25);
		}
		throw new StackProvisioningException(service + " did not become healthy within " + timeout.toSeconds()
				+ " s (" + lastProblem + "). Its last output:\n" + lastOutput.get());
	}

}
