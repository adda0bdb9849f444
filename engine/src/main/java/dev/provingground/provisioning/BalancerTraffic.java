package dev.provingground.provisioning;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the requests nginx passed to each replica, from its access log. It reads only what was appended since the
 * last count, so counting every second during a load run stays cheap.
 */
final class BalancerTraffic {

	private final Path accessLog;

	private final List<Integer> replicaPorts;

	private final Map<Integer, Long> counts = new TreeMap<>();

	private long offset;

	BalancerTraffic(Path accessLog, List<Integer> replicaPorts) {
		this.accessLog = accessLog;
		this.replicaPorts = List.copyOf(replicaPorts);
		counts.putAll(noRequests(replicaPorts));
	}

	/** Requests per replica index in these access log lines, for a balancer whose log is read whole. */
	static Map<Integer, Long> count(List<String> lines, List<Integer> replicaPorts) {
		Map<Integer, Long> counts = noRequests(replicaPorts);
		lines.forEach(line -> countLine(line, replicaPorts, counts));
		return counts;
	}

	private static Map<Integer, Long> noRequests(List<Integer> replicaPorts) {
		Map<Integer, Long> counts = new TreeMap<>();
		for (int index = 0; index < replicaPorts.size(); index++) {
			counts.put(index, 0L);
		}
		return counts;
	}

	/** Requests per replica index since the balancer started. */
	synchronized Map<Integer, Long> count() {
		if (!Files.isRegularFile(accessLog)) {
			return Map.copyOf(counts);
		}
		try (var file = new RandomAccessFile(accessLog.toFile(), "r")) {
			long length = file.length();
			if (length > offset) {
				byte[] appended = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
				file.seek(offset);
				file.readFully(appended);
				int lastNewline = lastIndexOf(appended, (byte) '\n');
				if (lastNewline >= 0) {
					// A line still being written is left for the next count.
					offset += lastNewline + 1;
					new String(appended, 0, lastNewline, StandardCharsets.US_ASCII).lines()
						.forEach(line -> countLine(line, replicaPorts, counts));
				}
			}
		}
		catch (IOException ex) {
			// The log is gone with the stack; what was counted stands.
		}
		return Map.copyOf(counts);
	}

	/** Counts one {@code <upstream address> <status> <seconds>} line: the upstream's port tells the replica. */
	private static void countLine(String line, List<Integer> replicaPorts, Map<Integer, Long> counts) {
		int space = line.indexOf(' ');
		int colon = line.lastIndexOf(':', space < 0 ? line.length() : space);
		if (colon < 0) {
			return; // "-": nginx answered without passing the request on
		}
		try {
			int port = Integer.parseInt(line.substring(colon + 1, space < 0 ? line.length() : space));
			int index = replicaPorts.indexOf(port);
			if (index >= 0) {
				counts.merge(index, 1L, Long::sum);
			}
		}
		catch (NumberFormatException ex) {
			// a line we did not write
		}
	}

	private static int lastIndexOf(byte[] bytes, byte value) {
		for (int i = bytes.length - 1; i >= 0; i--) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

}
