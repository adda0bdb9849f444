package dev.provingground.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Runs load. One runner is shared by the whole application; it owns the HTTP client (Netty, ADR 4) and its threads: a
 * few event loops, each run living on one of them, and one clock thread that paces requests and takes the per-second
 * samples.
 */
public final class LoadRunner implements AutoCloseable {

	/** One loop keeps up with nginx on two cores (ADR 4); the second serves a run started while another runs. */
	public static final int DEFAULT_IO_THREADS = 2;

	/**
	 * Connections one open-model run may hold. Past it, due requests wait for a connection (and their latency runs),
	 * so a stalled target cannot make the runner open thousands of sockets.
	 */
	public static final int DEFAULT_MAX_CONNECTIONS = 256;

	private final int maxConnectionsPerRun;

	private final EventLoopGroup loops;

	private final ScheduledThreadPoolExecutor clock;

	private final Set<Run> active = ConcurrentHashMap.newKeySet();

	private final AtomicLong started = new AtomicLong();

	private volatile boolean closed;

	public LoadRunner() {
		this(DEFAULT_IO_THREADS, DEFAULT_MAX_CONNECTIONS);
	}

	/**
	 * @param ioThreads event-loop threads shared by all runs; each run uses one
	 * @param maxConnectionsPerRun the most connections one open-model run opens (a closed run opens one per user)
	 */
	public LoadRunner(int ioThreads, int maxConnectionsPerRun) {
		if (ioThreads < 1 || maxConnectionsPerRun < 1) {
			throw new IllegalArgumentException("ioThreads and maxConnectionsPerRun must be at least 1");
		}
		this.maxConnectionsPerRun = maxConnectionsPerRun;
		this.loops = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("loadgen-io", true));
		this.clock = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("loadgen-clock", true));
		// Finished runs cancel their timers; without this the cancelled tasks would linger until their time.
		this.clock.setRemoveOnCancelPolicy(true);
	}

	/**
	 * How long the load generators' threads (of every runner in this process) have waited for a CPU so far, in
	 * nanoseconds (the kernel's run-queue wait, {@code /proc/self/task/<tid>/schedstat}); -1 where the kernel does not
	 * say. A generator that waits sends late and reads late, and the latencies it measures grow for reasons that are
	 * not the stack's.
	 */
	public static long cpuWaitNanos() {
		Path tasks = Path.of("/proc/self/task");
		long total = 0;
		try (var threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				try {
					if (!Files.readString(thread.resolve("comm")).startsWith("loadgen-")) {
						continue;
					}
					String[] fields = Files.readString(thread.resolve("schedstat")).strip().split("\\s+");
					total += Long.parseLong(fields[1]);
				}
				catch (IOException | RuntimeException gone) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return -1;
		}
		return total; // no generator thread yet: none has waited
	}

	/** Starts a run and returns at once. */
	public LoadRun start(LoadTarget target, LoadProfile profile, LoadListener listener) {
		if (closed) {
			throw new IllegalStateException("the load runner is closed");
		}
		Run run = new Run(target, profile, listener, loops.next(), clock, maxConnectionsPerRun, active::remove);
		active.add(run);
		started.incrementAndGet();
		run.start();
		return run;
	}

	/** Runs under way now, for the platform's metrics. */
	public int activeRuns() {
		return active.size();
	}

	/** Runs started since the runner was created, for the platform's metrics. */
	public long startedRuns() {
		return started.get();
	}

	/** Runs load and waits for the report. */
	public LoadReport run(LoadTarget target, LoadProfile profile, LoadListener listener) {
		return start(target, profile, listener).report().join();
	}

	/** Cancels the runs still going, waits briefly for their reports, and stops the threads. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		CompletableFuture<?>[] reports = active.stream().map(run -> {
			run.cancel("the load runner was closed");
			return run.report();
		}).toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(reports).get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// A run that failed or hung must not keep the threads alive.
		}
		clock.shutdownNow();
		loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
