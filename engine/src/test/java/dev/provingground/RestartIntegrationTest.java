package dev.provingground;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.sci.SkillStandings;
import dev.provingground.sci.Tier;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart on the same data directory finds everything again: database rows, search documents, process versions. */
class RestartIntegrationTest {

	@Test
	void aRestartOnTheSameDataDirectoryKeepsEverything() throws IOException {
		Path dataDir = TemporaryDataDirectory.newDataDirectory();

		try (var first = start(dataDir)) {
			first.getBean(SkillStandings.class).recordTier("learner", "api-design", Tier.PRACTICED);
			var search = first.getBean(OpenSearchClient.class);
			search.indices().create(create -> create.index("restart-check"));
			search.index(doc -> doc.index("restart-check").id("kept").document(Map.of("note", "still here"))
				.refresh(Refresh.True));
		}

		try (var second = start(dataDir)) {
			assertThat(second.getBean(SkillStandings.class).tierOf("learner", "api-design")).contains(Tier.PRACTICED);
			var kept = second.getBean(OpenSearchClient.class).get(get -> get.index("restart-check").id("kept"), Map.class);
			assertThat(kept.found()).isTrue();
			assertThat(kept.source()).containsEntry("note", "still here");
			assertThat(second.getBean(RepositoryService.class)
				.createProcessDefinitionQuery()
				.processDefinitionKey("skill-tier-update")
				.count()).as("unchanged models are not deployed again").isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(ProvingGroundApplication.class).run("--server.port=0",
				"--provingground.data-dir=" + dataDir,
				"--provingground.rubrics.dir=../rubrics", "--provingground.scenarios.dir=../scenarios", "--provingground.identity.demo-passwords.admin=restart-admin");
	}

}
