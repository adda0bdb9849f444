package dev.provingground.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The part of the stack a learner controls from the workspace: {@code stack.yaml} with {@code replicas: N}. */
final class WorkspaceStack {

	static final String FILE = "stack.yaml";

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private WorkspaceStack() {
	}

	static int replicas(Path file, int maxReplicas) {
		JsonNode root;
		try {
			root = YAML.readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new InvalidWorkspaceException(FILE + ": is not valid YAML: " + ex.getMessage());
		}
		if (root == null || !root.isObject()) {
			throw new InvalidWorkspaceException(FILE + ": must be a mapping such as 'replicas: 2'");
		}
		for (Iterator<String> fields = root.fieldNames(); fields.hasNext();) {
			String field = fields.next();
			if (!field.equals("replicas")) {
				throw new InvalidWorkspaceException(FILE + ": " + field + ": is not something you can change here; only replicas is");
			}
		}
		JsonNode replicas = root.get("replicas");
		if (replicas == null || !replicas.canConvertToInt() || !replicas.isIntegralNumber()) {
			throw new InvalidWorkspaceException(FILE + ": replicas: must be a whole number");
		}
		if (replicas.asInt() < 1 || replicas.asInt() > maxReplicas) {
			throw new InvalidWorkspaceException(FILE + ": replicas: must be between 1 and " + maxReplicas + ", not "
					+ replicas.asInt());
		}
		return replicas.asInt();
	}

}
