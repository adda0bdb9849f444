package dev.provingground.passport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The verdicts, without a database: the keys and the register of issued credentials are stand-ins. */
class CredentialVerifierTest {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final PassportSettings SETTINGS = new PassportSettings("https://pg.example", "Proving Ground", null);

	private final ECKey key = generate("key-1");

	private final SigningKeys keys = mock(SigningKeys.class);

	private final IssuedCredentials issued = mock(IssuedCredentials.class);

	private final UUID id = UUID.randomUUID();

	private final CredentialVerifier verifier;

	CredentialVerifierTest() {
		when(keys.publicKey(any())).thenAnswer(call -> "key-1".equals(call.getArgument(0))
				? Optional.of(key.toPublicJWK()) : Optional.empty());
		when(issued.status(id)).thenReturn(Optional.of(new IssuedCredentials.Status(id, "ada", "system-design",
				IssuedCredentials.Kind.ACHIEVEMENT, NOW, null, null, null)));
		verifier = new CredentialVerifier(keys, issued, SETTINGS, Optional.of(Clock.fixed(NOW, ZoneOffset.UTC)));
	}

	@Test
	void aCurrentCredentialOfOursIsValid() throws Exception {
		var verdict = verifier.verify(signed(key, credential("2026-05-01T00:00:00Z", "2026-09-01T00:00:00Z")));

		assertThat(verdict.problems()).isEmpty();
		assertThat(verdict.valid()).isTrue();
		assertThat(verdict.keyId()).isEqualTo("key-1");
		assertThat(verdict.issuer()).isEqualTo("https://pg.example");
	}

	@Test
	void expiredAndNotYetValidAreNamed() throws Exception {
		var expired = verifier.verify(signed(key, credential("2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z")));
		var early = verifier.verify(signed(key, credential("2026-07-01T00:00:00Z", "2026-09-01T00:00:00Z")));

		assertThat(expired.expired()).isTrue();
		assertThat(expired.valid()).isFalse();
		assertThat(early.expired()).isFalse();
		assertThat(early.valid()).isFalse();
		assertThat(early.problems()).containsExactly("Not valid before 2026-07-01T00:00:00Z");
	}

	@Test
	void aKeyOrIssuerOtherThanOursIsRejected() throws Exception {
		var otherKey = verifier.verify(signed(generate("key-1"), credential("2026-05-01T00:00:00Z", null)));
		var unknownKid = verifier.verify(signed(generate("key-2"), credential("2026-05-01T00:00:00Z", null)));
		Map<String, Object> foreign = credential("2026-05-01T00:00:00Z", null);
		foreign.put("issuer", Map.of("id", "https://elsewhere.example", "type", "Profile"));
		var foreignIssuer = verifier.verify(signed(key, foreign));

		assertThat(otherKey.signatureValid()).as("same kid, different key").isFalse();
		assertThat(unknownKid.problems().get(0)).contains("does not publish");
		assertThat(foreignIssuer.signatureValid()).isTrue();
		assertThat(foreignIssuer.valid()).isFalse();
		assertThat(foreignIssuer.problems().get(0)).contains("not this platform");
	}

	@Test
	void anotherAlgorithmOrNoTokenGetsAVerdictNotAnError() throws Exception {
		JWSObject hmac = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
				new Payload(new ObjectMapper().writeValueAsString(credential("2026-05-01T00:00:00Z", null))));
		hmac.sign(new MACSigner(new byte[32]));

		assertThat(verifier.verify(hmac.serialize()).problems().get(0)).contains("only with ES256");
		assertThat(verifier.verify("").valid()).isFalse();
		assertThat(verifier.verify(null).valid()).isFalse();
		assertThat(verifier.verify("a.b").problems().get(0)).startsWith("Not a compact JWS");
		assertThat(verifier.verify("x".repeat(CredentialVerifier.MAX_TOKEN + 1)).valid()).isFalse();
	}

	@Test
	void aCredentialWeHaveNoRecordOfIsNotValid() throws Exception {
		Map<String, Object> credential = credential("2026-05-01T00:00:00Z", null);
		credential.put("id", "urn:uuid:" + UUID.randomUUID());

		var verdict = verifier.verify(signed(key, credential));

		assertThat(verdict.signatureValid()).isTrue();
		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.problems().get(0)).startsWith("This platform has no record");
	}

	private Map<String, Object> credential(String validFrom, String validUntil) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("id", "urn:uuid:" + id);
		credential.put("issuer", Map.of("id", "https://pg.example", "type", "Profile"));
		credential.put("validFrom", validFrom);
		if (validUntil != null) {
			credential.put("validUntil", validUntil);
		}
		return credential;
	}

	private static String signed(ECKey key, Map<String, Object> credential) throws Exception {
		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
				new Payload(new ObjectMapper().writeValueAsString(credential)));
		jws.sign(new ECDSASigner(key));
		return jws.serialize();
	}

	private static ECKey generate(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
