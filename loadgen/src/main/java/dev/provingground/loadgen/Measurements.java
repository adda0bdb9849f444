package dev.provingground.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of one run. Written by the event loops, read by the clock thread; the recorders and adders
 * make that safe without locks.
 *
 * <p>
 * Latencies (in microseconds) are those of answered requests, whatever their status. Timeouts and connection failures
 * are only counted as errors: a refused connection "answers" in microseconds and would flatter the percentiles.
 */
final class Measurements {

	private static final int SIGNIFICANT_DIGITS = 3;

	private final long warmUpEndNanos;

	/** The end of sending: planned, or earlier when the run is cut short. */
	private volatile long windowEndNanos;

	/** Everything, warm-up included; emptied every second for the samples. */
	private final Recorder thisSecond = new Recorder(SIGNIFICANT_DIGITS);

	private final LongAdder thisSecondRequests = new LongAdder();

	private final LongAdder thisSecondErrors = new LongAdder();

	private Histogram recycled;

	/** After the warm-up only; read once, for the report. */
	private final Recorder measured = new Recorder(SIGNIFICANT_DIGITS);

	private final LongAdder requests = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();

	/** Completions inside the measured window, for the throughput; the drain after it is left out. */
	private final LongAdder completedInWindow = new LongAdder();

	Measurements(long warmUpEndNanos, long windowEndNanos) {
		this.warmUpEndNanos = warmUpEndNanos;
		this.windowEndNanos = windowEndNanos;
	}

	/**
	 * @param intendedNanos when the request was due, so waiting for a connection counts as latency
	 * @param errorKind null for a success
	 * @param answered whether the target sent a response (with any status)
	 */
	void record(long intendedNanos, long completedNanos, String errorKind, boolean answered) {
		long latencyMicros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(completedNanos - intendedNanos));
		thisSecondRequests.increment();
		if (errorKind != null) {
			thisSecondErrors.increment();
		}
		if (answered) {
			thisSecond.recordValue(latencyMicros);
		}
		if (completedNanos < warmUpEndNanos) {
			return;
		}
		requests.increment();
		if (completedNanos <= windowEndNanos) {
			completedInWindow.increment();
		}
		if (errorKind != null) {
			errors.increment();
			errorsByKind.computeIfAbsent(errorKind, kind -> new LongAdder()).increment();
		}
		if (answered) {
			measured.recordValue(latencyMicros);
		}
	}

	void endWindowAt(long nanos) {
		windowEndNanos = Math.min(windowEndNanos, nanos);
	}

	/** The second that just ended. Only the clock thread calls this. */
	LoadSample sample(int second, boolean warmUp, long inFlight) {
		Histogram histogram = thisSecond.getIntervalHistogram(recycled);
		recycled = histogram;
		Latencies latencies = Latencies.of(histogram);
		return new LoadSample(second, warmUp, thisSecondRequests.sumThenReset(), thisSecondErrors.sumThenReset(),
				inFlight, latencies.p50, latencies.p90, latencies.p95, latencies.p99, latencies.max);
	}

	long requests() {
		return requests.sum();
	}

	long errors() {
		return errors.sum();
	}

	Map<String, Long> errorsByKind() {
		Map<String, Long> counts = new TreeMap<>();
		errorsByKind.forEach((kind, count) -> counts.put(kind, count.sum()));
		return counts;
	}

	long completedInWindow() {
		return completedInWindow.sum();
	}

	/** Call once, at the end. */
	Latencies measuredLatencies() {
		return Latencies.of(measured.getIntervalHistogram());
	}

	record Latencies(double p50, double p90, double p95, double p99, double max) {

		static Latencies of(Histogram micros) {
			return new Latencies(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
					ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)),
					ms(micros.getMaxValue()));
		}

		private static double ms(long micros) {
			return micros / 1000.0;
		}

	}

}
