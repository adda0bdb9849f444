package dev.provingground.passport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * The passport and its credentials. A private passport answers 404 to everyone but its owner, the same as a learner
 * who does not exist, so that privacy does not leak who is a learner.
 */
@RestController
@Tag(name = "Skill passport",
		description = "Public passports, Open Badges 3.0 credentials, keys, verification, revocation")
class PassportController {

	private final Passports passports;

	private final PassportPrivacy privacy;

	private final CredentialIssuer issuer;

	private final CredentialVerifier verifier;

	private final IssuedCredentials issued;

	private final SigningKeys keys;

	PassportController(Passports passports, PassportPrivacy privacy, CredentialIssuer issuer,
			CredentialVerifier verifier, IssuedCredentials issued, SigningKeys keys) {
		this.passports = passports;
		this.privacy = privacy;
		this.issuer = issuer;
		this.verifier = verifier;
		this.issued = issued;
		this.keys = keys;
	}

	record Setting(Visibility visibility) {
	}

	record Token(String jwt) {
	}

	record Revocation(String reason) {
	}

	record CredentialStatus(String id, boolean revoked, Instant revokedAt) {
	}

	@GetMapping("/api/passport/visibility")
	@Operation(summary = "Whether the caller's passport is public")
	Setting visibility(Authentication caller) {
		return new Setting(privacy.visibilityOf(caller.getName()));
	}

	@PutMapping("/api/passport/visibility")
	@Operation(summary = "Make the caller's passport public or private (the default)")
	Setting setVisibility(Authentication caller, @RequestBody Setting setting) {
		if (setting.visibility() == null) {
			throw new IllegalArgumentException("Give the visibility: PUBLIC or PRIVATE");
		}
		privacy.set(caller.getName(), setting.visibility());
		return setting;
	}

	@GetMapping("/api/passport/{learnerId}")
	@Operation(summary = "A learner's passport: tier, SCI components and evidence summaries per skill",
			description = "Public passports for anyone; a private one only for its owner, 404 for everyone else.")
	Passport passport(Authentication caller, @PathVariable String learnerId) {
		requireReadable(caller, learnerId);
		return passports.of(learnerId);
	}

	@GetMapping("/api/passport/{learnerId}/credentials/{skill}")
	@Operation(summary = "The learner's standing in a skill as an Open Badges 3.0 AchievementCredential (VC-JWT)",
			description = "Each call issues a new credential: valid until freshness decay would lower the tier.")
	CredentialIssuer.Exported achievement(Authentication caller, @PathVariable String learnerId,
			@PathVariable String skill) {
		requireReadable(caller, learnerId);
		return issuer.achievement(learnerId, skill).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
				learnerId + " has no standing in " + skill));
	}

	@GetMapping("/api/passport/{learnerId}/endorsements/{skill}")
	@Operation(summary = "The learner's endorsements in a skill, each as an Open Badges 3.0 EndorsementCredential")
	List<CredentialIssuer.Exported> endorsements(Authentication caller, @PathVariable String learnerId,
			@PathVariable String skill) {
		requireReadable(caller, learnerId);
		return issuer.endorsements(learnerId, skill);
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "The public keys that verify the platform's credentials (JWK set)")
	Map<String, Object> jwks() {
		return keys.publicKeys().toJSONObject(true);
	}

	@PostMapping("/api/passport/verify")
	@Operation(summary = "Verify a credential: signature, issuer, validity period and revocation",
			description = "Answers 200 with a verdict for any token, including a changed or malformed one.")
	CredentialVerifier.Verification verify(@RequestBody Token token) {
		return verifier.verify(token.jwt());
	}

	@GetMapping("/api/passport/credentials/{id}/status")
	@Operation(summary = "Whether a credential is revoked: the credentialStatus every credential points at")
	CredentialStatus status(@PathVariable UUID id) {
		return issued.status(id)
			.map(status -> new CredentialStatus("urn:uuid:" + id, status.revoked(), status.revokedAt()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No credential urn:uuid:" + id));
	}

	@PostMapping("/api/admin/passport/credentials/{id}/revocation")
	@Operation(summary = "Revoke a credential (admins); revoking it again keeps the first revocation")
	CredentialStatus revoke(Authentication caller, @PathVariable UUID id, @RequestBody(required = false) Revocation body) {
		return issued.revoke(id, caller.getName(), body == null ? null : body.reason())
			.map(status -> new CredentialStatus("urn:uuid:" + id, status.revoked(), status.revokedAt()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No credential urn:uuid:" + id));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Map<String, String> invalid(IllegalArgumentException ex) {
		return Map.of("message", ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Map<String, String> unreadable(HttpMessageNotReadableException ex) {
		return Map.of("message", "The body must be JSON: {\"jwt\": \"...\"} to verify, "
				+ "{\"visibility\": \"PUBLIC\" or \"PRIVATE\"} for the setting, {\"reason\": \"...\"} to revoke");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Map<String, String> mistyped(MethodArgumentTypeMismatchException ex) {
		return Map.of("message", "'" + ex.getValue() + "' is not a credential id (a UUID)");
	}

	private void requireReadable(Authentication caller, String learnerId) {
		if (!privacy.mayRead(learnerId, caller == null ? null : caller.getName())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No public passport for " + learnerId);
		}
	}

}
