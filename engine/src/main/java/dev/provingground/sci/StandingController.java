package dev.provingground.sci;

import java.time.Instant;
import java.util.List;

import dev.provingground.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Standings and their explanation: learners see their own, evaluators and admins anyone's. */
@RestController
@Tag(name = "SCI and tiers", description = "Skill Confidence Index, tiers, endorsements, and why they are what they are")
class StandingController {

	private final SkillStandings standings;

	private final FreshnessDecay decay;

	private final SkillOutlook outlook;

	private final EndorsementRings rings;

	StandingController(SkillStandings standings, FreshnessDecay decay, SkillOutlook outlook, EndorsementRings rings) {
		this.standings = standings;
		this.decay = decay;
		this.outlook = outlook;
		this.rings = rings;
	}

	@GetMapping("/api/standings")
	@Operation(summary = "A learner's SCI and tier in each skill (default: the caller)")
	List<SkillStandings.Standing> standings(Authentication user, @RequestParam(required = false) String learner) {
		return standings.standingsOf(readable(user, learner));
	}

	@GetMapping("/api/standings/{skill}/explanation")
	@Operation(summary = "Which evidence contributed how much to each SCI component")
	SciExplanation explanation(Authentication user, @PathVariable String skill,
			@RequestParam(required = false) String learner) {
		return standings.explain(readable(user, learner), skill);
	}

	@GetMapping("/api/standings/{skill}/outlook")
	@Operation(summary = "What the next tier needs, and how freshness decay moves the SCI and tier without new evidence")
	SkillOutlook.Outlook outlook(Authentication user, @PathVariable String skill,
			@RequestParam(required = false) String learner) {
		return outlook.of(readable(user, learner), skill);
	}

	@GetMapping("/api/standings/{skill}/endorsements")
	@Operation(summary = "A learner's endorsements in a skill; only those from tier 3 or above count")
	List<Endorsement> endorsements(Authentication user, @PathVariable String skill,
			@RequestParam(required = false) String learner) {
		return standings.endorsementsOf(readable(user, learner), skill);
	}

	@PostMapping("/api/admin/standings/decay")
	@Operation(summary = "Run the daily freshness decay now (admins); it is idempotent")
	FreshnessDecay.Result decayNow() {
		return decay.recompute(Instant.now());
	}

	@GetMapping("/api/admin/endorsements/held")
	@Operation(summary = "Endorsements held as mutual (A and B endorsed each other within 30 days); they do not count")
	List<Endorsement> held() {
		return rings.held();
	}

	@PostMapping("/api/admin/endorsements/{id}/clear")
	@Operation(summary = "Clear a held endorsement: it counts from now on, and the learner's tier is decided again")
	Endorsement clear(Authentication user, @PathVariable java.util.UUID id) {
		return rings.clear(id, user.getName());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<java.util.Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(java.util.Map.of("message", ex.getMessage()));
	}

	private static String readable(Authentication user, String learner) {
		if (learner == null || learner.isBlank() || learner.equals(user.getName())) {
			return user.getName();
		}
		if (!Groups.mayReadAnyLearner(user)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Learners see only their own standing");
		}
		return learner;
	}

}
