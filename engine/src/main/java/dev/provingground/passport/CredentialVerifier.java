package dev.provingground.passport;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import org.springframework.stereotype.Service;

/**
 * Checks a credential the platform issued: the signature against the published keys, the issuer, the validity
 * period, and revocation. Any input gets a verdict; a broken or changed token is reported, never thrown.
 */
@Service
class CredentialVerifier {

	/** A credential larger than this is not one of ours. */
	static final int MAX_TOKEN = 200_000;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final SigningKeys keys;

	private final IssuedCredentials issued;

	private final PassportSettings settings;

	private final Clock clock;

	CredentialVerifier(SigningKeys keys, IssuedCredentials issued, PassportSettings settings, Optional<Clock> clock) {
		this.keys = keys;
		this.issued = issued;
		this.settings = settings;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * @param valid the signature is ours and intact, the issuer is this platform, it is within its validity period,
	 * and it is not revoked
	 * @param credential the decoded payload; null unless the signature is valid, since a changed payload says nothing
	 * @param problems why it is not valid, in words; empty when it is
	 */
	record Verification(boolean valid, boolean signatureValid, String keyId, String issuer, String credentialId,
			Instant validFrom, Instant validUntil, boolean expired, boolean revoked, Instant revokedAt,
			Map<String, Object> credential, List<String> problems) {

		static Verification rejected(String keyId, String problem) {
			return new Verification(false, false, keyId, null, null, null, null, false, false, null, null,
					List.of(problem));
		}

	}

	Verification verify(String token) {
		if (token == null || token.isBlank()) {
			return Verification.rejected(null, "No credential was given: send the compact JWS (VC-JWT)");
		}
		if (token.length() > MAX_TOKEN) {
			return Verification.rejected(null, "The token is longer than " + MAX_TOKEN + " characters");
		}
		JWSObject jws;
		try {
			jws = JWSObject.parse(token.strip());
		}
		catch (ParseException ex) {
			return Verification.rejected(null, "Not a compact JWS (header.payload.signature): " + ex.getMessage());
		}
		String keyId = jws.getHeader().getKeyID();
		if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
			return Verification.rejected(keyId, "Signed with " + jws.getHeader().getAlgorithm()
					+ "; this platform signs only with ES256");
		}
		Optional<ECKey> key = keyId == null ? Optional.empty() : keys.publicKey(keyId);
		if (key.isEmpty()) {
			return Verification.rejected(keyId, "Signed with a key this platform does not publish (kid " + keyId + ")");
		}
		if (!signatureMatches(jws, key.get())) {
			return Verification.rejected(keyId,
					"The signature does not match: the credential was changed after signing, or not signed by this platform");
		}
		Map<String, Object> credential;
		try {
			credential = JSON.readValue(jws.getPayload().toString(), new TypeReference<>() {
			});
		}
		catch (Exception ex) {
			return Verification.rejected(keyId, "The signed payload is not a JSON credential");
		}
		return judge(keyId, credential);
	}

	private Verification judge(String keyId, Map<String, Object> credential) {
		List<String> problems = new ArrayList<>();
		String issuer = credential.get("issuer") instanceof Map<?, ?> profile ? String.valueOf(profile.get("id")) : null;
		if (!settings.baseUrl().equals(issuer)) {
			problems.add("The issuer is " + issuer + ", not this platform (" + settings.baseUrl() + ")");
		}
		Instant now = clock.instant();
		Instant validFrom = instant(credential.get("validFrom"), "validFrom", problems);
		Instant validUntil = instant(credential.get("validUntil"), "validUntil", problems);
		if (validFrom != null && now.isBefore(validFrom)) {
			problems.add("Not valid before " + validFrom);
		}
		boolean expired = validUntil != null && !now.isBefore(validUntil);
		if (expired) {
			problems.add("Expired on " + validUntil + ": freshness decay would have lowered the tier by then");
		}
		String id = String.valueOf(credential.get("id"));
		Optional<IssuedCredentials.Status> status = uuid(id).flatMap(issued::status);
		if (status.isEmpty()) {
			problems.add("This platform has no record of issuing " + id);
		}
		boolean revoked = status.map(IssuedCredentials.Status::revoked).orElse(false);
		if (revoked) {
			problems.add("Revoked on " + status.get().revokedAt()
					+ (status.get().reason() == null ? "" : ": " + status.get().reason()));
		}
		return new Verification(problems.isEmpty(), true, keyId, issuer, id, validFrom, validUntil, expired, revoked,
				status.map(IssuedCredentials.Status::revokedAt).orElse(null), credential, problems);
	}

	private static boolean signatureMatches(JWSObject jws, ECKey key) {
		try {
			return jws.verify(new ECDSAVerifier(key));
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	private static Instant instant(Object value, String name, List<String> problems) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(String.valueOf(value));
		}
		catch (DateTimeParseException ex) {
			problems.add(name + " is not a date-time: " + value);
			return null;
		}
	}

	private static Optional<UUID> uuid(String credentialId) {
		if (!credentialId.startsWith("urn:uuid:")) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(credentialId.substring("urn:uuid:".length())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
