package dev.provingground.loadgen;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;

/**
 * One run: paces the requests, ends the run, and builds the report.
 *
 * <p>
 * Two threads touch it. The shared clock thread paces the open model, takes the per-second samples, and starts and
 * finishes the run (so the samples and the report need no lock). One event loop sends and receives: the whole run
 * lives on it, in its {@link ConnectionPool}. One loop per run is deliberate: on two cores, shared with the target, a
 * second loop for the same run lowered the throughput (ADR 4).
 */
final class Run implements LoadRun {

	private static final System.Logger LOG = System.getLogger(Run.class.getName());

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	/** After its last request is due, a run waits its timeout plus this for answers, then abandons them. */
	static final Duration GRACE = Duration.ofSeconds(1);

	/** In the closed model, a user whose connection failed pauses this long, so a dead target is no busy loop. */
	private static final long RETRY_PAUSE_MILLIS = 10;

	private final LoadProfile profile;

	private final LoadListener listener;

	private final ScheduledExecutorService clock;

	private final Consumer<Run> onFinish;

	private final ConnectionPool pool;

	private final long startNanos;

	private final long warmUpEndNanos;

	private final long endNanos;

	private final Measurements measurements;

	private final CompletableFuture<LoadReport> report = new CompletableFuture<>();

	/** Requests made due so far; bounded by {@link LoadProfile#maxRequests()}. */
	private final AtomicLong started = new AtomicLong();

	/** Requests due and not yet answered or failed (waiting for a connection included). */
	private final AtomicLong outstanding = new AtomicLong();

	private volatile boolean sending = true;

	private final AtomicBoolean finished = new AtomicBoolean();

	// Clock thread only:
	private final List<LoadSample> samples = new ArrayList<>();

	private final List<ScheduledFuture<?>> timers = new ArrayList<>();

	private ScheduledFuture<?> pacer;

	private long sendingStoppedNanos;

	private String cutShortReason;

	Run(LoadTarget target, LoadProfile profile, LoadListener listener, EventLoop loop, ScheduledExecutorService clock,
			int maxConnections, Consumer<Run> onFinish) {
		this.profile = profile;
		this.listener = listener == null ? LoadListener.NONE : listener;
		this.clock = clock;
		this.onFinish = onFinish;
		this.startNanos = System.nanoTime();
		this.warmUpEndNanos = startNanos + profile.warmUp().toNanos();
		this.endNanos = warmUpEndNanos + profile.duration().toNanos();
		this.sendingStoppedNanos = endNanos;
		this.measurements = new Measurements(warmUpEndNanos, endNanos);
		// An unresolved address is not an exception here: every connect then fails, and the report shows it.
		InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
		RequestFactory requests = new RequestFactory(target.host(), target.port(), profile);
		// Closed model: one connection per user, so users never wait for each other.
		int connections = profile.model() == LoadModel.CLOSED ? profile.users() : maxConnections;
		this.pool = new ConnectionPool(this, loop, address, requests, connections, profile.timeout().toNanos());
	}

	void start() {
		clock.execute(guarded(() -> {
			onLoop(pool::start);
			timers.add(clock.scheduleAtFixedRate(guarded(this::sampleSecondsUpTo),
					startNanos + SECOND - System.nanoTime(), SECOND, TimeUnit.NANOSECONDS));
			schedule(() -> stopSending(null), endNanos);
			schedule(this::abandon, endNanos + profile.timeout().toNanos() + GRACE.toNanos());
			if (profile.model() == LoadModel.OPEN) {
				pace();
			}
			else {
				startUsers();
			}
		}));
	}

	// ---- Sending

	/** Open model: the i-th request is due at start + i/rate, however late this thread wakes up. */
	private long intendedNanos(long i) {
		return startNanos + i * SECOND / profile.rate();
	}

	private long plannedRequests() {
		long planned = (endNanos - startNanos) * profile.rate() / SECOND;
		return Math.min(planned, profile.maxRequests());
	}

	/**
	 * Makes every request due by now, then sleeps until the next one. Each request keeps its own intended time, so a
	 * late wake-up (GC, a busy core) shows in the latencies instead of shifting the schedule.
	 */
	private void pace() {
		if (!sending) {
			return;
		}
		long now = System.nanoTime();
		long planned = plannedRequests();
		long from = started.get();
		long to = Math.min(planned, (now - startNanos) * profile.rate() / SECOND + 1);
		if (to > from) {
			started.set(to);
			outstanding.addAndGet(to - from);
			onLoop(() -> {
				for (long i = from; i < to; i++) {
					pool.submit(intendedNanos(i));
				}
			});
		}
		if (to < planned) {
			pacer = clock.schedule(guarded(this::pace), Math.max(0, intendedNanos(to) - System.nanoTime()),
					TimeUnit.NANOSECONDS);
		}
	}

	private void startUsers() {
		onLoop(() -> {
			for (int user = 0; user < profile.users(); user++) {
				nextRequestOfUser();
			}
		});
	}

	/** Closed model: a user sends its next request; runs on the run's loop. */
	private void nextRequestOfUser() {
		if (!sending) {
			return;
		}
		if (started.incrementAndGet() > profile.maxRequests()) {
			clock.execute(guarded(() -> stopSending("reached the limit of " + profile.maxRequests() + " requests")));
			return;
		}
		outstanding.incrementAndGet();
		pool.submit(System.nanoTime());
	}

	/** A request answered or failed; called on the run's loop. */
	void completed(long intendedNanos, long completedNanos, String errorKind, boolean answered) {
		if (finished.get()) {
			return;
		}
		measurements.record(intendedNanos, completedNanos, errorKind, answered);
		if (profile.model() == LoadModel.CLOSED) {
			if (errorKind == null || answered || "timeout".equals(errorKind)) {
				nextRequestOfUser();
			}
			else {
				pool.loop().schedule(this::nextRequestOfUser, RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
		if (outstanding.decrementAndGet() == 0 && !sending) {
			clock.execute(guarded(this::finishIfDrained));
		}
	}

	boolean isRunning() {
		return !finished.get();
	}

	// ---- Ending

	/** Stops making requests due; the run finishes when the outstanding ones are answered. */
	private void stopSending(String reason) {
		if (!sending) {
			return;
		}
		sending = false;
		long now = System.nanoTime();
		if (reason != null) {
			cutShortReason = reason;
			sendingStoppedNanos = Math.min(now, endNanos);
			measurements.endWindowAt(sendingStoppedNanos);
		}
		finishIfDrained();
	}

	private void finishIfDrained() {
		if (!sending && outstanding.get() <= 0) {
			finish();
		}
	}

	/** The time bound: answers still missing after the timeout and grace are abandoned. */
	private void abandon() {
		stopSending(null);
		if (!finished.get()) {
			cutShortReason = outstanding.get() + " requests were still unanswered " + profile.timeout().plus(GRACE)
					+ " after the last was due; they were abandoned";
			finish();
		}
	}

	/** Ends the run now; requests in flight are abandoned, and the report says why it was cut short. */
	@Override
	public void cancel(String reason) {
		String why = reason == null || reason.isBlank() ? "cancelled" : reason;
		clock.execute(guarded(() -> {
			if (finished.get()) {
				return;
			}
			stopSending(why);
			// Cancelled while draining: sending had stopped already, but answers are still being dropped.
			if (cutShortReason == null) {
				cutShortReason = why;
			}
			finish();
		}));
	}

	private void finish() {
		if (!finished.compareAndSet(false, true)) {
			return;
		}
		stopTimersAndTraffic();
		sampleSecondsUpTo(sendingStoppedNanos);
		report.complete(buildReport());
		onFinish.accept(this);
	}

	private LoadReport buildReport() {
		Duration measured = Duration.ofNanos(Math.max(0, sendingStoppedNanos - warmUpEndNanos));
		double seconds = measured.toNanos() / (double) SECOND;
		Measurements.Latencies latencies = measurements.measuredLatencies();
		return new LoadReport(cutShortReason == null, cutShortReason, measurements.requests(), measurements.errors(),
				measurements.errorsByKind(), seconds == 0 ? 0 : measurements.completedInWindow() / seconds,
				latencies.p50(), latencies.p90(), latencies.p95(), latencies.p99(), latencies.max(), measured,
				samples);
	}

	// ---- Samples

	private void sampleSecondsUpTo() {
		sampleSecondsUpTo(System.nanoTime());
	}

	/** One sample per whole second of sending; a last partial second is left out rather than shown as a dip. */
	private void sampleSecondsUpTo(long nanos) {
		long until = Math.min(nanos, sendingStoppedNanos);
		while (startNanos + (samples.size() + 1) * SECOND <= until) {
			int second = samples.size() + 1;
			boolean warmUp = startNanos + second * SECOND <= warmUpEndNanos;
			LoadSample sample = measurements.sample(second, warmUp, outstanding.get());
			samples.add(sample);
			try {
				listener.onSample(sample);
			}
			catch (RuntimeException ex) {
				LOG.log(System.Logger.Level.WARNING, "A load listener failed; the run goes on", ex);
			}
		}
	}

	// ---- Plumbing

	private void stopTimersAndTraffic() {
		sending = false;
		timers.forEach(timer -> timer.cancel(false));
		if (pacer != null) {
			pacer.cancel(false);
		}
		onLoop(pool::stop);
	}

	private void onLoop(Runnable task) {
		pool.loop().execute(guarded(task));
	}

	private void schedule(Runnable task, long atNanos) {
		timers.add(clock.schedule(guarded(task), Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
	}

	/** An exception in the run's own tasks is a bug: it fails the report instead of leaving the run hanging. */
	private Runnable guarded(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException | Error ex) {
				clock.execute(() -> {
					if (finished.compareAndSet(false, true)) {
						stopTimersAndTraffic();
						report.completeExceptionally(ex);
						onFinish.accept(this);
					}
				});
				throw ex;
			}
		};
	}

	@Override
	public CompletableFuture<LoadReport> report() {
		return report;
	}

}
