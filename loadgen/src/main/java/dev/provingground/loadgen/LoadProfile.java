package dev.provingground.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to load a target. Every run is bounded: by its duration, and by {@link #maxRequests()}.
 *
 * @param rate requests per second (open model only)
 * @param users concurrent users (closed model only)
 * @param warmUp time before measuring starts
 * @param duration measured time after the warm-up
 * @param timeout how long one request may take before it counts as a {@code timeout} error
 * @param mix the endpoints, with weights
 * @param variables values the {@code {name}} placeholders of the mix draw from, for example ids from the seed data
 */
public record LoadProfile(LoadModel model, int rate, int users, Duration warmUp, Duration duration, Duration timeout,
		List<RequestTemplate> mix, Map<String, List<String>> variables) {

	public static final int MAX_RATE = 20_000;

	public static final int MAX_USERS = 1_000;

	public static final Duration MAX_DURATION = Duration.ofMinutes(5);

	/** The most requests any run may send: the fastest rate for the longest time. */
	public static final long MAX_REQUESTS = MAX_RATE * MAX_DURATION.toSeconds();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

	public LoadProfile {
		if (model == null) {
			throw invalid("model is missing; use open or closed");
		}
		if (model == LoadModel.OPEN && (rate < 1 || rate > MAX_RATE)) {
			throw invalid("rate must be between 1 and " + MAX_RATE + " requests per second, not " + rate);
		}
		if (model == LoadModel.CLOSED && (users < 1 || users > MAX_USERS)) {
			throw invalid("users must be between 1 and " + MAX_USERS + ", not " + users);
		}
		requirePositive("duration", duration, false);
		requirePositive("warm_up", warmUp, true);
		requirePositive("timeout", timeout, false);
		if (warmUp.plus(duration).compareTo(MAX_DURATION) > 0) {
			throw invalid("warm_up plus duration may be at most " + MAX_DURATION.toMinutes() + " minutes");
		}
		if (mix == null || mix.isEmpty()) {
			throw invalid("mix needs at least one request");
		}
		variables = variables == null ? Map.of() : Map.copyOf(variables);
		List<String> problems = new ArrayList<>();
		for (RequestTemplate request : mix) {
			if (!RequestTemplate.METHODS.contains(request.method())) {
				problems.add("mix: method " + request.method() + " is not one of " + RequestTemplate.METHODS);
			}
			if (!request.path().startsWith("/")) {
				problems.add("mix: path " + request.path() + " must start with /");
			}
			if (request.weight() < 1) {
				problems.add("mix: weight of " + request.path() + " must be at least 1");
			}
			for (String text : new String[] { request.path(), request.body() }) {
				Matcher placeholder = PLACEHOLDER.matcher(text == null ? "" : text);
				while (placeholder.find()) {
					List<String> values = variables.get(placeholder.group(1));
					if (values == null || values.isEmpty()) {
						problems.add("mix: " + request.path() + " uses {" + placeholder.group(1)
								+ "}, but no values are given for it");
					}
				}
			}
		}
		if (!problems.isEmpty()) {
			throw invalid(String.join("; ", problems));
		}
		mix = List.copyOf(mix);
		variables = Map.copyOf(variables);
	}

	public static LoadProfile open(int rate, Duration warmUp, Duration duration, Duration timeout,
			List<RequestTemplate> mix, Map<String, List<String>> variables) {
		return new LoadProfile(LoadModel.OPEN, rate, 0, warmUp, duration, timeout, mix, variables);
	}

	public static LoadProfile closed(int users, Duration warmUp, Duration duration, Duration timeout,
			List<RequestTemplate> mix, Map<String, List<String>> variables) {
		return new LoadProfile(LoadModel.CLOSED, 0, users, warmUp, duration, timeout, mix, variables);
	}

	/** The bound on requests for this profile: its rate for its whole time, or the global cap for closed runs. */
	public long maxRequests() {
		long seconds = warmUp.plus(duration).toSeconds() + 1;
		return model == LoadModel.OPEN ? Math.min(MAX_REQUESTS, rate * seconds) : MAX_REQUESTS;
	}

	static Pattern placeholder() {
		return PLACEHOLDER;
	}

	private static void requirePositive(String name, Duration value, boolean zeroAllowed) {
		if (value == null) {
			throw invalid(name + " is missing");
		}
		if (value.isNegative() || (!zeroAllowed && value.isZero())) {
			throw invalid(name + " must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", not " + value);
		}
	}

	private static InvalidLoadProfileException invalid(String message) {
		return new InvalidLoadProfileException(message);
	}

}
