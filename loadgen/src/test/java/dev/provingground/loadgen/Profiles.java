package dev.provingground.loadgen;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Short profile builders for the tests. */
final class Profiles {

	private Profiles() {
	}

	static LoadProfile open(int rate, int warmUpSeconds, int durationSeconds, String path) {
		return LoadProfile.open(rate, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(durationSeconds),
				Duration.ofSeconds(5), List.of(RequestTemplate.get(path)), Map.of());
	}

	static LoadProfile closed(int users, int warmUpSeconds, int durationSeconds, String path) {
		return LoadProfile.closed(users, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(durationSeconds),
				Duration.ofSeconds(5), List.of(RequestTemplate.get(path)), Map.of());
	}

}
