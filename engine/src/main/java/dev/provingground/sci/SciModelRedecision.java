package dev.provingground.sci;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides every standing again, once, when the SCI model changes: the tiers stored under the old model were decided
 * by rules that no longer hold. Activities of test packages stop counting first. Every tier change is recorded with the
 * reason {@code model-change} and the learner is told, as with the decay. A row of {@code sci_model_redecision} per
 * {@link #MODEL} makes it run once, on whichever node starts first; an advisory lock makes nodes take turns.
 */
@Component
public class SciModelRedecision {

	/** The model the stored standings must be decided under. Change it whenever the model's rules change. */
	static final String MODEL = "evidence-breadth-1";

	private static final Logger log = LoggerFactory.getLogger(SciModelRedecision.class);

	/** The advisory lock's key: any constant that no other feature uses. */
	private static final long LOCK = 0x5C1E0DE1L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SkillStandings standings;

	private final TierDecision decision;

	private final TestPackages testPackages;

	SciModelRedecision(JdbcClient jdbc, TransactionTemplate transactions, SkillStandings standings,
			TierDecision decision, TestPackages testPackages) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.standings = standings;
		this.decision = decision;
		this.testPackages = testPackages;
	}

	/**
	 * @param done the model's standings had been decided before, so nothing was done now
	 * @param excludedActivities activities of test packages that stopped counting
	 */
	public record Result(boolean done, int standings, int changes, int excludedActivities) {
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			Result result = redecideAll();
			if (!result.done()) {
				log.info("SCI model {}: decided {} standings again, {} tiers changed; {} activities of test packages "
						+ "no longer count", MODEL, result.standings(), result.changes(), result.excludedActivities());
			}
		}
		catch (RuntimeException ex) {
			// The standings keep their tiers; the next start tries again.
			log.error("SCI model {}: deciding the standings again failed: {}", MODEL, ex.getMessage(), ex);
		}
	}

	/** Decides every standing under {@link #MODEL}, unless that was done before. */
	public Result redecideAll() {
		return transactions.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, row) -> 1).single();
			if (jdbc.sql("select count(*) from sci_model_redecision where model = ?").param(MODEL).query(Integer.class)
				.single() > 0) {
				return new Result(true, 0, 0, 0);
			}
			int excluded = jdbc.sql("update sci_activity set counts = false where counts and activity = any(?)")
				.param(testPackages.ids().toArray(String[]::new))
				.update();
			List<String[]> all = jdbc.sql("select learner_id, skill from learner_skill order by learner_id, skill")
				.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
				.list();
			int changes = 0;
			for (String[] standing : all) {
				if (standings.decideAgain(standing[0], standing[1], decision, TierChanges.REASON_MODEL)) {
					changes++;
				}
			}
			jdbc.sql("insert into sci_model_redecision (model, standings, changes) values (?, ?, ?)")
				.params(MODEL, all.size(), changes)
				.update();
			return new Result(false, all.size(), changes, excluded);
		});
	}

}
