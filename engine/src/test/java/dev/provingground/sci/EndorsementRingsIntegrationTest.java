package dev.provingground.sci;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The collusion rule on the real platform and the deployed tier decision: two learners who endorse each other within
 * 30 days are held, the endorsed learner loses the tier the held endorsement gave, and an admin's clearing gives it
 * back.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class EndorsementRingsIntegrationTest extends TemporaryDataDirectory {

	private static final String SKILL = "system-design";

	@Autowired
	EndorsementRings rings;

	@Autowired
	SkillStandings standings;

	@Autowired
	MockMvc http;

	@Autowired
	ObjectMapper json;

	@Test
	void aMutualEndorsementIsHeldUntilAnAdminClearsIt() throws Exception {
		for (String learner : new String[] { "ring-a", "ring-b", "ring-c" }) {
			strongActivity(learner);
			standings.recordTier(learner, SKILL, Tier.VERIFIED);
		}
		rings.endorse("ring-a", SKILL, "ring-c", "Designed the sharding well", "ring-run-1");
		Endorsement fromB = rings.endorse("ring-a", SKILL, "ring-b", "Sound failure analysis", "ring-run-2");
		assertThat(fromB.held()).isFalse();
		assertThat(standings.figuresOf("ring-a", SKILL).qualifiedEndorsers()).isEqualTo(2);
		standings.recordTier("ring-a", SKILL, Tier.PEER_ENDORSED); // as the tier-update process decides

		Endorsement back = rings.endorse("ring-b", SKILL, "ring-a", "Good ADRs", "ring-run-3");
		assertThat(back.held()).isTrue();
		assertThat(back.counts()).isFalse();
		assertThat(back.heldReason()).isEqualTo("ring-a and ring-b endorsed each other within 30 days");
		assertThat(rings.held()).extracting(Endorsement::processInstanceId).containsExactly("ring-run-2", "ring-run-3");
		assertThat(standings.endorsementsOf("ring-a", SKILL)).filteredOn(e -> e.endorserId().equals("ring-c"))
			.singleElement().satisfies(e -> assertThat(e.counts()).isTrue());
		assertThat(standings.figuresOf("ring-a", SKILL).qualifiedEndorsers()).isEqualTo(1);
		assertThat(standings.tierOf("ring-a", SKILL)).as("decided again without the held endorsement")
			.contains(Tier.VERIFIED);

		String heldId = fromB.id().toString();
		http.perform(get("/api/admin/endorsements/held").with(user("learner").roles("LEARNER")))
			.andExpect(status().isForbidden());
		JsonNode listed = json.readTree(http.perform(get("/api/admin/endorsements/held").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(listed.findValuesAsText("id")).contains(heldId);
		http.perform(post("/api/admin/endorsements/" + heldId + "/clear").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
		assertThat(standings.tierOf("ring-a", SKILL)).as("cleared: two qualified endorsers again")
			.contains(Tier.PEER_ENDORSED);
		http.perform(post("/api/admin/endorsements/" + heldId + "/clear").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(rings.held()).extracting(Endorsement::processInstanceId).containsExactly("ring-run-3");
	}

	/**
	 * Four activities on four concepts, each with checks and rubric passed, by three reviewers: practice 15.80,
	 * proof 40 × (4 + 1) / 6 = 33.33, reliability 20, freshness 15, SCI 84.13; enough for Peer-endorsed with two
	 * endorsers.
	 */
	private void strongActivity(String learner) {
		List<String> concepts = List.of("Database Indexes", "Query Planning", "Pool Sizing", "Timeouts");
		for (int i = 0; i < concepts.size(); i++) {
			standings.recordActivity(new FinishedActivity("ring-activity-" + learner + "-" + i, learner, SKILL,
					"scenario-" + i, true, Instant.now(), 1.0, 1.0, true, true, Set.of("rev-" + (i % 3)), 1.0,
					Set.of(concepts.get(i))));
		}
	}

}
