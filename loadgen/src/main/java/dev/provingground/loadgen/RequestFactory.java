package dev.provingground.loadgen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/** Turns the profile's weighted mix into concrete requests, filling placeholders with random values. */
final class RequestFactory {

	private final String hostHeader;

	private final List<Entry> entries = new ArrayList<>();

	/** Cumulative weights, so one random number picks an entry in proportion to its weight. */
	private final int[] cumulativeWeights;

	RequestFactory(String host, int port, LoadProfile profile) {
		this.hostHeader = host + ":" + port;
		// Values are encoded once here, not per request: URL-encoded for paths, JSON-escaped for bodies.
		Map<String, List<String>> variables = profile.variables();
		this.cumulativeWeights = new int[profile.mix().size()];
		int total = 0;
		for (RequestTemplate template : profile.mix()) {
			entries.add(new Entry(HttpMethod.valueOf(template.method()),
					Text.parse(template.path(), variables, RequestFactory::encodePathSegment),
					template.body() == null ? null
							: Text.parse(template.body(), variables, RequestFactory::escapeJsonString)));
			total += template.weight();
			cumulativeWeights[entries.size() - 1] = total;
		}
	}

	FullHttpRequest next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Entry entry = pick(random);
		FullHttpRequest request;
		if (entry.body == null) {
			request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, entry.method, entry.path.fill(random),
					Unpooled.EMPTY_BUFFER);
		}
		else {
			byte[] body = entry.body.fill(random).getBytes(StandardCharsets.UTF_8);
			request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, entry.method, entry.path.fill(random),
					Unpooled.wrappedBuffer(body));
			request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
		}
		request.headers().set(HttpHeaderNames.HOST, hostHeader);
		if (entry.body != null || entry.method != HttpMethod.GET) {
			request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
		}
		return request;
	}

	private Entry pick(ThreadLocalRandom random) {
		if (entries.size() == 1) {
			return entries.get(0);
		}
		int ticket = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
		int i = 0;
		while (ticket >= cumulativeWeights[i]) {
			i++;
		}
		return entries.get(i);
	}

	/** URLEncoder encodes for forms; in a path a space is %20, not +. */
	static String encodePathSegment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Values usually sit inside a JSON string; escaping keeps the body valid JSON whatever the value holds. */
	static String escapeJsonString(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private record Entry(HttpMethod method, Text path, Text body) {
	}

	/** A path or body, split into literal text and placeholders with their (already encoded) values. */
	private record Text(List<String> literals, List<List<String>> values) {

		static Text parse(String text, Map<String, List<String>> variables, UnaryOperator<String> encode) {
			List<String> literals = new ArrayList<>();
			List<List<String>> values = new ArrayList<>();
			Matcher placeholder = LoadProfile.placeholder().matcher(text);
			int from = 0;
			while (placeholder.find()) {
				literals.add(text.substring(from, placeholder.start()));
				values.add(variables.get(placeholder.group(1)).stream().map(encode).toList());
				from = placeholder.end();
			}
			literals.add(text.substring(from));
			return new Text(List.copyOf(literals), List.copyOf(values));
		}

		String fill(ThreadLocalRandom random) {
			if (values.isEmpty()) {
				return literals.get(0);
			}
			StringBuilder filled = new StringBuilder(literals.get(0));
			for (int i = 0; i < values.size(); i++) {
				List<String> choices = values.get(i);
				filled.append(choices.get(random.nextInt(choices.size()))).append(literals.get(i + 1));
			}
			return filled.toString();
		}

	}

}
