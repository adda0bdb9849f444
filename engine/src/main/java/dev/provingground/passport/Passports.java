package dev.provingground.passport;

import java.util.List;

import dev.provingground.evidence.Evidence;
import dev.provingground.evidence.EvidenceStore;
import dev.provingground.sci.Endorsement;
import dev.provingground.sci.SkillStandings;
import org.springframework.stereotype.Service;

/** Assembles a learner's passport from their standings and evidence. */
@Service
class Passports {

	private final SkillStandings standings;

	private final EvidenceStore evidence;

	private final PassportPrivacy privacy;

	private final PassportSettings settings;

	Passports(SkillStandings standings, EvidenceStore evidence, PassportPrivacy privacy, PassportSettings settings) {
		this.standings = standings;
		this.evidence = evidence;
		this.privacy = privacy;
		this.settings = settings;
	}

	Passport of(String learnerId) {
		List<Passport.Skill> skills = standings.standingsOf(learnerId)
			.stream()
			.map(standing -> new Passport.Skill(standing.skill(), standing.tier(), standing.sci(),
					new Passport.Components(standing.practice(), standing.proof(), standing.reliability(),
							standing.freshness()),
					(int) standings.endorsementsOf(learnerId, standing.skill()).stream().filter(Endorsement::counts).count(),
					evidenceOf(learnerId, standing.skill())))
			.toList();
		return new Passport(learnerId, privacy.visibilityOf(learnerId), skills);
	}

	List<Passport.EvidenceSummary> evidenceOf(String learnerId, String skill) {
		return evidence.ofLearner(learnerId, skill).stream().map(this::summary).toList();
	}

	private Passport.EvidenceSummary summary(Evidence item) {
		return new Passport.EvidenceSummary(item.activityId(), item.kind(), item.recordedAt(), item.contentHash(),
				settings.url("/api/evidence/submissions/" + item.processInstanceId() + "#" + item.id()));
	}

}
