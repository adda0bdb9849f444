package dev.provingground.passport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import dev.provingground.sci.Endorsement;
import dev.provingground.sci.SciParameters;
import dev.provingground.sci.SkillOutlook;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.springframework.stereotype.Service;

/**
 * Issues a learner's standing in a skill as an Open Badges 3.0 AchievementCredential, and their endorsements as
 * EndorsementCredentials: W3C Verifiable Credentials (data model 2.0) signed as VC-JWTs with the platform's key. The
 * JWT's payload is the credential itself, with the registered claims iss, sub, jti, nbf and exp beside it.
 */
@Service
class CredentialIssuer {

	static final List<String> CONTEXT = List.of("https://www.w3.org/ns/credentials/v2",
			"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");

	static final JOSEObjectType JWT_TYPE = new JOSEObjectType("vc+jwt");

	/** How long a credential stays valid when decay would not lower the tier within the outlook's year. */
	static final Duration LONGEST_VALIDITY = Duration.ofDays(365);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final SkillStandings standings;

	private final SkillOutlook outlook;

	private final SciParameters parameters;

	private final Passports passports;

	private final PassportPrivacy privacy;

	private final IssuedCredentials issued;

	private final SigningKeys keys;

	private final PassportSettings settings;

	private final Clock clock;

	CredentialIssuer(SkillStandings standings, SkillOutlook outlook, SciParameters parameters, Passports passports,
			PassportPrivacy privacy, IssuedCredentials issued, SigningKeys keys, PassportSettings settings,
			Optional<Clock> clock) {
		this.standings = standings;
		this.outlook = outlook;
		this.parameters = parameters;
		this.passports = passports;
		this.privacy = privacy;
		this.issued = issued;
		this.keys = keys;
		this.settings = settings;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * A signed credential and its JSON-LD.
	 *
	 * @param id the credential's id, {@code urn:uuid:...}
	 * @param jwt the compact JWS
	 */
	record Exported(String id, String jwt, Map<String, Object> credential) {
	}

	/** The learner's standing in the skill now, or empty when they have none. */
	Optional<Exported> achievement(String learnerId, String skill) {
		var standing = standings.standingsOf(learnerId).stream().filter(s -> s.skill().equals(skill)).findFirst();
		if (standing.isEmpty()) {
			return Optional.empty();
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant validUntil = validUntil(learnerId, skill, now);
		UUID id = UUID.randomUUID();
		Map<String, Object> credential = achievementCredential(id, learnerId, standing.get(), now, validUntil);
		issued.record(id, learnerId, skill, IssuedCredentials.Kind.ACHIEVEMENT, now, validUntil);
		return Optional.of(new Exported(urn(id), sign(credential, subjectId(learnerId), now, validUntil), credential));
	}

	/** Each endorsement of the learner in the skill; an endorsement keeps its credential id however often exported. */
	List<Exported> endorsements(String learnerId, String skill) {
		List<Exported> exported = new ArrayList<>();
		for (Endorsement endorsement : standings.endorsementsOf(learnerId, skill)) {
			Instant endorsedAt = endorsement.endorsedAt().truncatedTo(ChronoUnit.SECONDS);
			Map<String, Object> credential = endorsementCredential(endorsement, endorsedAt);
			issued.record(endorsement.id(), learnerId, skill, IssuedCredentials.Kind.ENDORSEMENT, endorsedAt, null);
			exported.add(new Exported(urn(endorsement.id()),
					sign(credential, subjectId(learnerId), endorsedAt, null), credential));
		}
		return exported;
	}

	/**
	 * The day freshness decay would lower the tier, without new evidence; a credential should not claim a tier the
	 * learner no longer holds.
	 */
	private Instant validUntil(String learnerId, String skill, Instant now) {
		var dropsOn = outlook.of(learnerId, skill).tierDropsOn();
		return dropsOn == null ? now.plus(LONGEST_VALIDITY) : dropsOn.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private Map<String, Object> achievementCredential(UUID id, String learnerId, SkillStandings.Standing standing,
			Instant validFrom, Instant validUntil) {
		String skill = standing.skill();
		String achievementId = "urn:provingground:achievement:" + skill + ":" + tierName(standing.tier());
		Map<String, Object> achievement = object("id", achievementId, "type", List.of("Achievement"), "name",
				label(standing.tier()) + " in " + skill, "description",
				"Holds tier " + standing.tier().level() + " (" + label(standing.tier()) + ") in " + skill
						+ " on " + settings.issuerName() + ": a tier earned from verified, hands-on work.",
				"achievementType", "Competency", "criteria", object("narrative", criteria(standing.tier())),
				"resultDescription", resultDescriptions(achievementId));
		List<Map<String, Object>> results = new ArrayList<>();
		results.add(object("type", List.of("Result"), "resultDescription", achievementId + ":tier", "value",
				standing.tier().name()));
		results.add(score(achievementId, "sci", standing.sci()));
		results.add(score(achievementId, "practice", standing.practice()));
		results.add(score(achievementId, "proof", standing.proof()));
		results.add(score(achievementId, "reliability", standing.reliability()));
		results.add(score(achievementId, "freshness", standing.freshness()));
		Map<String, Object> credential = header(id, List.of("VerifiableCredential", "OpenBadgeCredential"),
				label(standing.tier()) + " in " + skill, validFrom, validUntil);
		credential.put("credentialSubject", object("id", subjectId(learnerId), "type", List.of("AchievementSubject"),
				"achievement", achievement, "result", results));
		credential.put("evidence", passports.evidenceOf(learnerId, skill)
			.stream()
			.map(item -> object("id", item.url(), "type", List.of("Evidence"), "name", item.kind() + " of " + item.activity(),
					"description", "Recorded " + item.recordedAt() + "; SHA-256 of the content " + item.contentHash()))
			.toList());
		return credential;
	}

	private Map<String, Object> endorsementCredential(Endorsement endorsement, Instant endorsedAt) {
		String endorser = privacy.isPublic(endorsement.endorserId()) ? endorsement.endorserId()
				: "a peer who kept their passport private";
		Map<String, Object> credential = header(endorsement.id(),
				List.of("VerifiableCredential", "EndorsementCredential"),
				"Endorsement of " + endorsement.learnerId() + " in " + endorsement.skill(), endorsedAt, null);
		credential.put("description", "Endorsed by " + endorser + ", who held " + label(endorsement.endorserTier())
				+ " in " + endorsement.skill() + " when endorsing"
				+ (endorsement.counts() ? "." : "; it does not count towards Peer-endorsed."));
		credential.put("credentialSubject", object("id", subjectId(endorsement.learnerId()), "type",
				List.of("EndorsementSubject"), "endorsementComment", endorsement.comment()));
		return credential;
	}

	/** What every credential carries: context, id, type, name, issuer, dates and where to ask about revocation. */
	private Map<String, Object> header(UUID id, List<String> type, String name, Instant validFrom, Instant validUntil) {
		Map<String, Object> credential = object("@context", CONTEXT, "id", urn(id), "type", type, "name", name,
				"issuer", issuer(), "validFrom", validFrom.toString());
		if (validUntil != null) {
			credential.put("validUntil", validUntil.toString());
		}
		// The data model 1.1 name of validFrom, which the published OB 3.0 JSON Schema still requires.
		credential.put("issuanceDate", validFrom.toString());
		credential.put("credentialStatus", object("id", settings.url("/api/passport/credentials/" + id + "/status"),
				"type", "ProvingGroundCredentialStatus"));
		return credential;
	}

	Map<String, Object> issuer() {
		return object("id", settings.baseUrl(), "type", List.of("Profile"), "name", settings.issuerName(), "url",
				settings.baseUrl());
	}

	/** Signs the credential as a VC-JWT with the active key. Package-private so that tests can sign expired ones. */
	String sign(Map<String, Object> credential, String subject, Instant validFrom, Instant validUntil) {
		ECKey key = keys.active();
		Map<String, Object> payload = new LinkedHashMap<>(credential);
		payload.put("iss", settings.baseUrl());
		payload.put("sub", subject);
		payload.put("jti", credential.get("id"));
		payload.put("nbf", validFrom.getEpochSecond());
		if (validUntil != null) {
			payload.put("exp", validUntil.getEpochSecond());
		}
		try {
			JWSObject jws = new JWSObject(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JWT_TYPE).build(),
					new Payload(JSON.writeValueAsString(payload)));
			jws.sign(new ECDSASigner(key));
			return jws.serialize();
		}
		catch (JOSEException | JsonProcessingException ex) {
			throw new IllegalStateException("Cannot sign a credential", ex);
		}
	}

	String subjectId(String learnerId) {
		return settings.url("/api/passport/" + learnerId);
	}

	private List<Map<String, Object>> resultDescriptions(String achievementId) {
		List<Map<String, Object>> descriptions = new ArrayList<>();
		descriptions.add(object("id", achievementId + ":tier", "type", List.of("ResultDescription"), "name", "Tier",
				"resultType", "PerformanceLevel", "allowedValue",
				java.util.Arrays.stream(Tier.values()).map(Tier::name).toList()));
		descriptions.add(object("id", achievementId + ":sci", "type", List.of("ResultDescription"), "name",
				"Skill Confidence Index", "resultType", "ScaledScore", "valueMin", "0", "valueMax", number(100)));
		Map<String, Double> maxima = new LinkedHashMap<>();
		maxima.put("practice", parameters.practiceMax());
		maxima.put("proof", parameters.proofMax());
		maxima.put("reliability", parameters.reliabilityMax());
		maxima.put("freshness", parameters.freshnessMax());
		maxima.forEach((component, max) -> descriptions.add(object("id", achievementId + ":" + component, "type",
				List.of("ResultDescription"), "name", "SCI component: " + component, "resultType", "ScaledScore",
				"valueMin", "0", "valueMax", number(max))));
		return descriptions;
	}

	private static Map<String, Object> score(String achievementId, String name, double value) {
		return object("type", List.of("Result"), "resultDescription", achievementId + ":" + name, "value",
				number(value));
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String criteria(Tier tier) {
		return switch (tier) {
			case CLAIMED -> "The learner claims the skill.";
			case PRACTICED -> "At least one activity passed its automated checks.";
			case VERIFIED -> "At least two peer-reviewed activities passed their rubric, judged by at least two "
					+ "different reviewers and covering at least two concepts, and an SCI of 60 or more.";
			case PEER_ENDORSED -> "Verified, with endorsements from at least two distinct holders of tier 3 or above, "
					+ "at least three activities, and an SCI of 75 or more.";
		};
	}

	private static String tierName(Tier tier) {
		return tier.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String label(Tier tier) {
		String words = tier.name().toLowerCase(Locale.ROOT).replace('_', '-');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static String urn(UUID id) {
		return "urn:uuid:" + id;
	}

	/** A JSON object that keeps its keys in the order given, so that credentials read top-down. */
	private static Map<String, Object> object(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
