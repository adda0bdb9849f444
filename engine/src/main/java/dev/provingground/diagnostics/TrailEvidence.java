package dev.provingground.diagnostics;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.runs.RunEvidenceRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Adds the run's diagnostic trail to its evidence, when the run's evidence is recorded, for the reviewer. */
@Component
class TrailEvidence {

	static final String KIND = "diagnostic-trail";

	private final DiagnosticTrail trail;

	private final EvidenceStore evidence;

	private final ObjectMapper json;

	TrailEvidence(DiagnosticTrail trail, EvidenceStore evidence, ObjectMapper json) {
		this.trail = trail;
		this.evidence = evidence;
		this.json = json;
	}

	/** In the recording's transaction: the trail is part of the submission or nothing is. A retry keeps one. */
	@EventListener
	void on(RunEvidenceRecorded recorded) throws JsonProcessingException {
		List<DiagnosticTrail.Entry> entries = trail.of(recorded.runId());
		if (!entries.isEmpty()) {
			evidence.append(recorded.learnerId(), recorded.skill(), recorded.scenarioId(), recorded.processInstanceId(), KIND,
					json.writeValueAsString(entries));
		}
	}

}
