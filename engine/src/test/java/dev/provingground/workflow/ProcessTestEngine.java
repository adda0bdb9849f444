package dev.provingground.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.provingground.review.Calibrations;
import dev.provingground.review.Reviews;
import dev.provingground.sci.EndorsementRings;
import dev.provingground.sci.SkillStandings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;

/** The bare engine the process tests run on: no Spring, no job executor, delegates registered as mocks. */
final class ProcessTestEngine {

	private ProcessTestEngine() {
	}

	/** The steps of the skill-tier-update process, on a mocked standings service. */
	static void registerTierUpdate(SkillStandings standings) {
		var delegates = new StandingDelegates();
		Mocks.register(ProcessDelegates.LOAD_SKILL_FIGURES, delegates.loadSkillFigures(standings));
		Mocks.register(ProcessDelegates.RECORD_TIER, delegates.recordTier(standings));
	}

	/** The steps a reviewed activity shares (review, endorsement, the SCI activity, the tier), on mocked services. */
	static void registerReviewAndStanding(SkillStandings standings, EndorsementRings endorsements,
			Calibrations calibrations, Reviews reviews) {
		registerTierUpdate(standings);
		var standingDelegates = new StandingDelegates();
		Mocks.register(ProcessDelegates.RECORD_ENDORSEMENT, standingDelegates.recordEndorsement(endorsements));
		Mocks.register(ProcessDelegates.RECORD_ACTIVITY, standingDelegates.recordActivity(standings, calibrations));
		var reviewDelegates = new ReviewDelegates();
		Mocks.register(ProcessDelegates.REVIEW_GUARD, reviewDelegates.reviewGuard(reviews));
		Mocks.register(ProcessDelegates.ESCALATE_REVIEW, reviewDelegates.escalateReview(reviews));
	}

	/** A process engine on a real PostgreSQL of its own, which reports the flows it walks to {@code coverage}. */
	static StandaloneProcessEngineConfiguration onPostgres(String name, FlowCoverage coverage) {
		DataSource database;
		try {
			database = EmbeddedPostgres.builder().start().getPostgresDatabase();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var configuration = new StandaloneProcessEngineConfiguration();
		configuration.setDataSource(database);
		configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
		configuration.setJobExecutorActivate(false);
		configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
		configuration.setHistoryTimeToLive("P180D");
		configuration.setExpressionManager(new MockExpressionManager());
		configuration.setProcessEngineName(name);
		configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(coverage)));
		return configuration;
	}

}
