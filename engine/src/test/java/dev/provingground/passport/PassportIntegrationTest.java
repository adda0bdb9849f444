package dev.provingground.passport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.sci.FinishedActivity;
import dev.provingground.sci.SkillOutlook;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The passport on the real platform: privacy, Open Badges 3.0 credentials checked against 1EdTech's JSON Schema,
 * signatures checked with the published key only, and tampering, expiry and revocation all reported.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassportIntegrationTest extends TemporaryDataDirectory {

	private static final String SKILL = "system-design";

	private static final String SECRET_IN_EVIDENCE = "the-diff-content-only-reviewers-read";

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MockMvc mvc;

	@Autowired
	SkillStandings standings;

	@Autowired
	SkillOutlook outlook;

	@Autowired
	EvidenceStore evidence;

	@Autowired
	CredentialIssuer issuer;

	private final String ada = "ada-" + UUID.randomUUID();

	private final String run = "run-" + UUID.randomUUID();

	private JsonSchema achievementSchema;

	private JsonSchema endorsementSchema;

	@BeforeAll
	void adaHasAStandingEvidenceAndAnEndorsement() {
		standings.recordActivity(new FinishedActivity(run, ada, SKILL, "slow-orders-api", true,
				Instant.now().minus(Duration.ofDays(3)), 0.9, 0.8, true, true, Set.of("eve"), 1.0, Set.of()));
		standings.recordTier(ada, SKILL, Tier.PRACTICED);
		evidence.append(ada, SKILL, "slow-orders-api", run, "diff", "{\"diff\": \"" + SECRET_IN_EVIDENCE + "\"}");
		standings.endorse(ada, SKILL, "grace-" + UUID.randomUUID(), "Clear reasoning about the connection pool.",
				"endorse-" + run);
		var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909);
		var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
		String file = "classpath:ob3/ob_v3p0_achievementcredential_schema.json";
		achievementSchema = factory.getSchema(SchemaLocation.of(file), config);
		endorsementSchema = factory.getSchema(SchemaLocation.of(file + "#/$defs/EndorsementCredential"), config);
	}

	@Test
	void aPrivatePassportIsNotFoundToOthersAndVisibleToItsOwner() throws Exception {
		visibility(ada, "PRIVATE");

		mvc.perform(get("/api/passport/" + ada)).andExpect(status().isNotFound());
		mvc.perform(get("/api/passport/" + ada).with(user("eve").roles("EVALUATOR"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/passport/" + ada + "/credentials/" + SKILL)).andExpect(status().isNotFound());
		mvc.perform(get("/api/passport/" + ada + "/endorsements/" + SKILL)).andExpect(status().isNotFound());
		// A learner who does not exist looks the same as a private one.
		mvc.perform(get("/api/passport/nobody-" + UUID.randomUUID())).andExpect(status().isNotFound());

		JsonNode own = read(mvc.perform(get("/api/passport/" + ada).with(learner(ada))).andExpect(status().isOk()));
		assertThat(own.get("visibility").asText()).isEqualTo("PRIVATE");
		assertThat(own.at("/skills/0/tier").asText()).isEqualTo("PRACTICED");
		mvc.perform(get("/api/passport/" + ada + "/credentials/" + SKILL).with(learner(ada)))
			.andExpect(status().isOk());
	}

	@Test
	void aPublicPassportShowsTierSciAndEvidenceSummariesButNotTheEvidence() throws Exception {
		visibility(ada, "PUBLIC");

		var response = mvc.perform(get("/api/passport/" + ada)).andExpect(status().isOk()).andReturn().getResponse();
		JsonNode passport = JSON.readTree(response.getContentAsString());
		JsonNode skill = passport.at("/skills/0");
		assertThat(skill.get("skill").asText()).isEqualTo(SKILL);
		assertThat(skill.get("tier").asText()).isEqualTo("PRACTICED");
		assertThat(skill.get("sci").asDouble()).isPositive();
		assertThat(skill.at("/components/proof").asDouble()).isPositive();
		assertThat(skill.at("/evidence/0/kind").asText()).isEqualTo("diff");
		assertThat(skill.at("/evidence/0/contentHash").asText()).hasSize(64);
		assertThat(skill.at("/evidence/0/url").asText()).contains("/api/evidence/submissions/" + run);
		assertThat(response.getContentAsString()).doesNotContain(SECRET_IN_EVIDENCE);
	}

	@Test
	void exportedCredentialsAreValidOpenBadges() throws Exception {
		visibility(ada, "PUBLIC");

		JsonNode exported = export();
		JsonNode credential = exported.get("credential");
		assertThat(achievementSchema.validate(credential)).isEmpty();
		assertThat(achievementSchema.validate(payloadOf(exported.get("jwt").asText()))).isEmpty();
		assertThat(credential.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/credentials/v2");
		assertThat(credential.get("type").toString()).contains("VerifiableCredential", "OpenBadgeCredential");
		assertThat(credential.at("/credentialSubject/type/0").asText()).isEqualTo("AchievementSubject");
		assertThat(credential.at("/credentialSubject/result/0/value").asText()).isEqualTo("PRACTICED");
		assertThat(credential.at("/evidence/0/id").asText()).contains("/api/evidence/submissions/" + run);
		assertThat(credential.at("/credentialStatus/id").asText()).contains("/api/passport/credentials/");
		var dropsOn = outlook.of(ada, SKILL).tierDropsOn();
		Instant expected = dropsOn == null ? Instant.parse(credential.get("validFrom").asText()).plus(Duration.ofDays(365))
				: dropsOn.atStartOfDay(ZoneOffset.UTC).toInstant();
		assertThat(Instant.parse(credential.get("validUntil").asText())).isEqualTo(expected);

		JsonNode endorsements = read(mvc.perform(get("/api/passport/" + ada + "/endorsements/" + SKILL))
			.andExpect(status().isOk()));
		assertThat(endorsements).hasSize(1);
		JsonNode endorsement = endorsements.get(0).get("credential");
		assertThat(endorsementSchema.validate(endorsement)).isEmpty();
		assertThat(endorsement.get("type").toString()).contains("EndorsementCredential");
		assertThat(endorsement.at("/credentialSubject/endorsementComment").asText()).contains("connection pool");
		assertThat(verify(endorsements.get(0).get("jwt").asText()).get("valid").asBoolean()).isTrue();
		var unnamed = (ObjectNode) endorsement.deepCopy();
		((ObjectNode) unnamed.get("credentialSubject")).remove("id");
		assertThat(endorsementSchema.validate(unnamed)).as("an endorsement must say what it endorses").isNotEmpty();

		// The schema does reject what is not an Open Badge.
		var broken = (ObjectNode) credential.deepCopy();
		broken.remove("issuer");
		Set<ValidationMessage> problems = achievementSchema.validate(broken);
		assertThat(problems).isNotEmpty();
	}

	@Test
	void signaturesVerifyWithThePublishedKeyAndAnyChangeIsDetected() throws Exception {
		visibility(ada, "PUBLIC");
		String jwt = export().get("jwt").asText();

		JWKSet published = JWKSet.parse(mvc.perform(get("/.well-known/jwks.json"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(published.toString()).doesNotContain("\"d\"");
		JWSObject jws = JWSObject.parse(jwt);
		ECKey key = (ECKey) published.getKeyByKeyId(jws.getHeader().getKeyID());
		assertThat(jws.verify(new ECDSAVerifier(key))).as("verifies with the published key alone").isTrue();

		JsonNode verdict = verify(jwt);
		assertThat(verdict.get("valid").asBoolean()).isTrue();
		assertThat(verdict.get("issuer").asText()).isEqualTo("http://localhost:8080");
		assertThat(verdict.get("problems")).isEmpty();

		String[] parts = jwt.split("\\.");
		for (int part = 0; part < 3; part++) {
			String[] changed = parts.clone();
			changed[part] = flipMiddle(parts[part]);
			JsonNode tampered = verify(String.join(".", changed));
			assertThat(tampered.get("valid").asBoolean()).as("part %d changed", part).isFalse();
			assertThat(tampered.get("signatureValid").asBoolean()).isFalse();
			assertThat(tampered.get("credential").isNull()).isTrue();
		}
		// A well-formed but forged payload: the tier raised, the signature kept.
		var payload = (ObjectNode) payloadOf(jwt);
		((ObjectNode) payload.at("/credentialSubject/result/0")).put("value", "PEER_ENDORSED");
		String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
		String forged = parts[0] + "." + forgedPayload + "." + parts[2];
		assertThat(verify(forged).get("signatureValid").asBoolean()).isFalse();
		assertThat(verify("not-a-credential").get("problems").get(0).asText()).startsWith("Not a compact JWS");
		mvc.perform(post("/api/passport/verify").contentType(MediaType.APPLICATION_JSON).content("{oops"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void expiredAndRevokedCredentialsAreReportedSo() throws Exception {
		visibility(ada, "PUBLIC");
		JsonNode exported = export();
		@SuppressWarnings("unchecked")
		Map<String, Object> credential = new LinkedHashMap<>(JSON.convertValue(exported.get("credential"), Map.class));
		Instant from = Instant.now().minus(Duration.ofDays(100));
		Instant until = Instant.now().minus(Duration.ofDays(1));
		credential.put("validFrom", from.toString());
		credential.put("validUntil", until.toString());
		JsonNode expired = verify(issuer.sign(credential, issuer.subjectId(ada), from, until));
		assertThat(expired.get("signatureValid").asBoolean()).isTrue();
		assertThat(expired.get("expired").asBoolean()).isTrue();
		assertThat(expired.get("valid").asBoolean()).isFalse();

		String id = exported.get("id").asText().substring("urn:uuid:".length());
		mvc.perform(post("/api/admin/passport/credentials/" + id + "/revocation").with(learner(ada)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"mine\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/admin/passport/credentials/" + id + "/revocation")
			.with(user("root").roles("ADMIN"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"The activity was found to be plagiarised\"}")).andExpect(status().isOk());

		JsonNode revoked = verify(exported.get("jwt").asText());
		assertThat(revoked.get("signatureValid").asBoolean()).isTrue();
		assertThat(revoked.get("revoked").asBoolean()).isTrue();
		assertThat(revoked.get("valid").asBoolean()).isFalse();
		assertThat(revoked.get("problems").toString()).contains("plagiarised");
		JsonNode status = read(mvc.perform(get("/api/passport/credentials/" + id + "/status")).andExpect(status().isOk()));
		assertThat(status.get("revoked").asBoolean()).isTrue();
		mvc.perform(get("/api/passport/credentials/" + UUID.randomUUID() + "/status")).andExpect(status().isNotFound());
	}

	private JsonNode export() throws Exception {
		return read(mvc.perform(get("/api/passport/" + ada + "/credentials/" + SKILL)).andExpect(status().isOk()));
	}

	/** Anonymously, without a CSRF token: anyone may verify. */
	private JsonNode verify(String jwt) throws Exception {
		return read(mvc.perform(post("/api/passport/verify").contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("jwt", jwt)))).andExpect(status().isOk()));
	}

	private void visibility(String learnerId, String visibility) throws Exception {
		mvc.perform(put("/api/passport/visibility").with(learner(learnerId))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"visibility\": \"" + visibility + "\"}")).andExpect(status().isOk());
	}

	private static RequestPostProcessor learner(String id) {
		return user(id).roles("LEARNER");
	}

	private static JsonNode payloadOf(String jwt) throws Exception {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	/** Changes one character in the middle, where every bit of it counts (the last one may carry padding bits). */
	private static String flipMiddle(String part) {
		int at = part.length() / 2;
		char replacement = part.charAt(at) == 'A' ? 'B' : 'A';
		return part.substring(0, at) + replacement + part.substring(at + 1);
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

}
