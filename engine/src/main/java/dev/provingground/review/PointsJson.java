package dev.provingground.review;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Rubric points (criterion id to points) as stored in jsonb columns. */
final class PointsJson {

	private PointsJson() {
	}

	static String write(ObjectMapper json, Map<String, Integer> points) {
		try {
			return json.writeValueAsString(points);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Integer> read(ObjectMapper json, String text) {
		try {
			return json.readValue(text, new TypeReference<Map<String, Integer>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot read stored rubric points: " + ex.getMessage(), ex);
		}
	}

}
