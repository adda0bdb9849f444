package dev.provingground.telemetry;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.provingground.provisioning.Stack;
import dev.provingground.provisioning.StackProvisioner;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Service;

/** Records stacks' telemetry; callers check who may see which stack. */
@Service
public class TelemetryService {

	private final StackProvisioner provisioner;

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, runnable -> {
		var thread = new Thread(runnable, "telemetry");
		thread.setDaemon(true);
		return thread;
	});

	public TelemetryService(StackProvisioner provisioner) {
		this.provisioner = provisioner;
	}

	/**
	 * Starts sampling a stack, with a sample a second to the listener, until the recording is stopped.
	 * @throws IllegalStateException when the stack's database cannot be reached
	 */
	public TelemetryRecording record(Stack stack, Consumer<TelemetrySample> listener) {
		try {
			return new TelemetryRecording(stack, provisioner, listener, scheduler);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the database of stack " + stack.id() + ": " + ex.getMessage(), ex);
		}
	}

	@PreDestroy
	public void shutdown() {
		scheduler.shutdownNow();
	}

}
