package dev.provingground.provisioning;

import java.io.IOException;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;

/**
 * A replica container's CPU time, memory and process count, from Docker's stats stream (one sample a second), so that telemetry reads
 * the latest sample at once instead of waiting a second for Docker to measure.
 */
final class ContainerUsage extends ResultCallback.Adapter<Statistics> {

	private volatile long cpuTimeNanos = -1;

	private volatile long rssBytes;

	private volatile boolean ended;

	/** The most processes and threads the container ran at once, at a sample. */
	private volatile long mostPids;

	static ContainerUsage follow(DockerClient docker, String container) {
		return docker.statsCmd(container).exec(new ContainerUsage());
	}

	@Override
	public void onNext(Statistics stats) {
		var cpu = stats.getCpuStats();
		if (cpu == null || cpu.getCpuUsage() == null || cpu.getCpuUsage().getTotalUsage() == null) {
			return;
		}
		var memory = stats.getMemoryStats();
		if (memory != null) {
			Long rss = memory.getStats() != null ? memory.getStats().getRss() : null;
			rssBytes = rss != null ? rss : memory.getUsage() != null ? memory.getUsage() : 0;
		}
		cpuTimeNanos = cpu.getCpuUsage().getTotalUsage();
		if (stats.getPidsStats() != null && stats.getPidsStats().getCurrent() != null) {
			mostPids = Math.max(mostPids, stats.getPidsStats().getCurrent());
		}
	}

	long mostPids() {
		return mostPids;
	}

	/** The stream ended: the container stopped or is gone. */
	boolean ended() {
		return ended;
	}

	@Override
	public void onComplete() {
		ended = true;
		super.onComplete();
	}

	@Override
	public void onError(Throwable error) {
		ended = true;
		super.onError(error);
	}

	/** The latest sample, or empty before the first one arrived. */
	Optional<ReplicaUsage> latest(int index) {
		long cpu = cpuTimeNanos;
		return cpu < 0 ? Optional.empty() : Optional.of(new ReplicaUsage(index, cpu, rssBytes));
	}

	@Override
	public void close() {
		try {
			super.close();
		}
		catch (IOException ex) {
			// the stream ends with the container anyway
		}
	}

}
