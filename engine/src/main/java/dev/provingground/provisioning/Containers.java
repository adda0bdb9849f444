package dev.provingground.provisioning;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;

/** What the Docker provisioner does with a single container, whichever service it runs. */
final class Containers {

	/** The exit code of a process ended by SIGKILL, which is how the kernel ends one past its memory limit. */
	private static final long SIGKILL_EXIT = 137;

	private static final Duration OOM_FLAG_GRACE = Duration.ofSeconds(2);

	private Containers() {
	}

	/**
	 * The last lines the container printed.
	 * @param withErrors whether standard error counts too, or only standard output
	 */
	static List<String> logs(DockerClient docker, String container, int lines, boolean withErrors) {
		var text = new StringBuilder();
		var command = docker.logContainerCmd(container).withStdOut(true).withStdErr(withErrors);
		if (lines != Integer.MAX_VALUE) {
			command.withTail(lines);
		}
		try {
			command.exec(new ResultCallback.Adapter<Frame>() {

				@Override
				public void onNext(Frame frame) {
					text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
				}

			}).awaitCompletion(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new ArrayList<>(text.toString().lines().toList());
	}

	/** Fails, with the container's last output, unless it still runs. */
	static void requireRunning(DockerClient docker, String container, String service) {
		var state = docker.inspectContainerCmd(container).exec().getState();
		if (!Boolean.TRUE.equals(state.getRunning())) {
			throw new StackProvisioningException(service + " exited with code " + state.getExitCodeLong()
					+ " before it became healthy" + killReason(docker, container, state.getExitCodeLong())
					+ ". Its last output:\n" + String.join("\n", logs(docker, container, 20, true)));
		}
	}

	/**
	 * Why a container that ended with this code was killed, or nothing. Docker learns of a kernel OOM kill in an
	 * event of its own, which on a busy host can come after the exit, so a SIGKILL waits a moment for that flag.
	 */
	private static String killReason(DockerClient docker, String container, Long exitCode) {
		if (exitCode == null || exitCode != SIGKILL_EXIT) {
			return "";
		}
		long deadline = System.nanoTime() + OOM_FLAG_GRACE.toNanos();
		do {
			if (Boolean.TRUE.equals(docker.inspectContainerCmd(container).exec().getState().getOOMKilled())) {
				return " (killed: it used more than its memory limit)";
			}
			OsProcesses.sleep(100);
		}
		while (System.nanoTime() < deadline);
		// The platform stops no container before it is healthy, and cgroup v1 can lose the OOM event itself.
		return " (killed by signal 9, most likely for using more than its memory limit)";
	}

	/**
	 * Waits until PostgreSQL in the container accepts a superuser connection with this password to this database on the
	 * published port.
	 */
	static void awaitPostgres(DockerClient docker, String container, String service, int port, String database,
			String password, Duration timeout) {
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=2";
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastProblem = "no answer yet";
		while (System.nanoTime() < deadline) {
			requireRunning(docker, container, service);
			try (var connection = DriverManager.getConnection(url, StackDatabases.SUPERUSER, password)) {
				return;
			}
			catch (SQLException ex) {
				lastProblem = ex.getMessage();
			}
			OsProcesses.sleep(100);
		}
		throw new StackProvisioningException(service + " did not accept connections within " + timeout.toSeconds()
				+ " s (" + lastProblem + "). Its last output:\n" + String.join("\n", logs(docker, container, 20, true)));
	}

	/** Removes the container, running or not, with its anonymous volumes; a missing one is fine. */
	static void remove(DockerClient docker, String container) {
		try {
			docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
		}
		catch (NotFoundException ex) {
			// already gone
		}
	}

}
