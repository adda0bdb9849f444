package dev.provingground.sci;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each learner's standing per skill: the current SCI and tier. */
@Service
public class SkillStandings {

	private static final Pattern SKILL_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");

	private final JdbcClient jdbc;

	SkillStandings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The figures the tier decision reads. Evidence does not exist yet for a new claim, so its figures are
	 * {@link SkillFigures#NONE}; the evidence module adds to them as activities complete.
	 */
	public SkillFigures figuresOf(String learnerId, String skill) {
		requireValid(learnerId, skill);
		return jdbc.sql("select sci from learner_skill where learner_id = ? and skill = ?")
			.params(learnerId, skill)
			.query((rs, row) -> new SkillFigures(rs.getDouble("sci"), false, false, 0))
			.optional()
			.orElse(SkillFigures.NONE);
	}

	@Transactional
	public void recordTier(String learnerId, String skill, Tier tier, double sci) {
		requireValid(learnerId, skill);
		jdbc.sql("""
				insert into learner_skill (learner_id, skill, tier, sci, tier_decided_at)
				values (?, ?, ?, ?, now())
				on conflict (learner_id, skill) do update
				set tier = excluded.tier, sci = excluded.sci, tier_decided_at = excluded.tier_decided_at
				""").params(learnerId, skill, tier.name(), sci).update();
	}

	public Optional<Tier> tierOf(String learnerId, String skill) {
		return jdbc.sql("select tier from learner_skill where learner_id = ? and skill = ?")
			.params(learnerId, skill)
			.query((rs, row) -> Tier.valueOf(rs.getString("tier")))
			.optional();
	}

	private static void requireValid(String learnerId, String skill) {
		if (learnerId == null || learnerId.isBlank()) {
			throw new IllegalArgumentException("A learner id is required");
		}
		if (skill == null || !SKILL_ID.matcher(skill).matches()) {
			throw new IllegalArgumentException("A skill id is 2–64 lowercase letters, digits and dashes, such as "
					+ "'system-design'; got '" + skill + "'");
		}
	}

}
