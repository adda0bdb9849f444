package dev.provingground.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records evidence. There is no way to change or remove it: the table refuses updates and deletes. */
@Service
public class EvidenceStore {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcClient jdbc;

	EvidenceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an item and queues it for the search index, in one transaction. Recording the same content of the same
	 * kind for the same process instance again returns the item recorded first.
	 * @throws IllegalArgumentException when a field is missing or the payload is not JSON
	 */
	@Transactional
	public Evidence append(String learnerId, String skill, String activityId, String processInstanceId, String kind,
			String payload) {
		require("learnerId", learnerId);
		require("skill", skill);
		require("activityId", activityId);
		require("processInstanceId", processInstanceId);
		Evidence.requireValidKind(kind);
		String canonical = canonicalJson(payload);
		String hash = sha256(canonical);
		UUID id = UUID.randomUUID();
		int inserted = jdbc.sql("""
				insert into evidence (id, learner_id, skill, activity_id, process_instance_id, kind, payload, content_hash)
				values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
				on conflict (process_instance_id, kind, content_hash) do nothing
				""").params(id, learnerId, skill, activityId, processInstanceId, kind, canonical, hash).update();
		if (inserted == 1) {
			jdbc.sql("insert into evidence_outbox (evidence_id) values (?)").param(id).update();
		}
		return jdbc.sql("select * from evidence where process_instance_id = ? and kind = ? and content_hash = ?")
			.params(processInstanceId, kind, hash)
			.query(EvidenceStore::row)
			.single();
	}

	public List<Evidence> ofLearner(String learnerId, String skill) {
		return jdbc.sql("select * from evidence where learner_id = ? and skill = ? order by recorded_at desc")
			.params(learnerId, skill)
			.query(EvidenceStore::row)
			.list();
	}

	/** Everything one activity recorded, oldest first: what a reviewer reads. */
	public List<Evidence> ofProcessInstance(String processInstanceId) {
		return jdbc.sql("select * from evidence where process_instance_id = ? order by recorded_at, kind")
			.param(processInstanceId)
			.query(EvidenceStore::row)
			.list();
	}

	static Evidence row(ResultSet rs, int row) throws SQLException {
		return new Evidence(rs.getObject("id", UUID.class), rs.getString("learner_id"), rs.getString("skill"),
				rs.getString("activity_id"), rs.getString("process_instance_id"), rs.getString("kind"),
				rs.getString("payload"), rs.getString("content_hash"), rs.getTimestamp("recorded_at").toInstant());
	}

	private static String canonicalJson(String payload) {
		if (payload == null || payload.isBlank()) {
			throw new IllegalArgumentException("Evidence needs a payload");
		}
		try {
			return JSON.writeValueAsString(JSON.readTree(payload));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("An evidence payload must be JSON: " + ex.getOriginalMessage());
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void require(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Evidence needs a " + name);
		}
	}

}
