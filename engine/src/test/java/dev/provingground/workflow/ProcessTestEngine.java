package dev.provingground.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/** The bare engine the process tests run on: no Spring, no job executor, delegates registered as mocks. */
final class ProcessTestEngine {

	private ProcessTestEngine() {
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
