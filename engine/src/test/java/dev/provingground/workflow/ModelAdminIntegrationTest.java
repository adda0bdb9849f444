package dev.provingground.workflow;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.platform.TemporaryDataDirectory;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin model API on the real engine and database: versions with running instances, validation with the build's
 * rules, deploys as new versions, rollbacks, and the tier decision. Each test deploys processes under its own key.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ModelAdminIntegrationTest extends TemporaryDataDirectory {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	RepositoryService repository;

	@Autowired
	ProcessModelDeployer startupDeploy;

	private final String key = "waiting-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void listsTheShippedModelsWithTheirVersions() throws Exception {
		JsonNode models = read(mvc.perform(get("/api/admin/models").with(ADMIN)).andExpect(status().isOk()));

		JsonNode scenarioRun = model(models, "scenario-run");
		assertThat(scenarioRun.get("kind").asText()).isEqualTo("process");
		assertThat(scenarioRun.get("resourceName").asText()).isEqualTo("scenario-run.bpmn");
		JsonNode shipped = scenarioRun.get("versions").get(scenarioRun.get("versions").size() - 1);
		assertThat(shipped.get("version").asInt()).isEqualTo(1);
		assertThat(shipped.get("deployedAs").asText()).isEqualTo("Shipped with the platform");
		assertThat(shipped.get("runningInstances").asInt()).isZero();

		JsonNode tier = model(models, "sci-tier");
		assertThat(tier.get("kind").asText()).isEqualTo("decision");
		assertThat(tier.get("versions").get(0).get("runningInstances").isNull()).isTrue();
	}

	@Test
	void deployingMakesANewVersionWhileRunningInstancesStayOnTheirs() throws Exception {
		assertThat(deploy(waiting(key, "First wait")).get(0).get("version").asInt()).isEqualTo(1);
		String onFirst = runtime.startProcessInstanceByKey(key).getProcessDefinitionId();

		JsonNode second = deploy(waiting(key, "Second wait")).get(0);
		assertThat(second.get("version").asInt()).isEqualTo(2);
		assertThat(second.get("kind").asText()).isEqualTo("process");

		JsonNode versions = model(list(), key).get("versions");
		assertThat(versions).extracting(version -> version.get("version").asInt()).containsExactly(2, 1);
		assertThat(versions).extracting(version -> version.get("runningInstances").asInt()).containsExactly(0, 1);
		assertThat(versions.get(0).get("deployedAs").asText()).isEqualTo("Deployed by admin");
		assertThat(runtime.createProcessInstanceQuery().processDefinitionId(onFirst).count()).isOne();
		assertThat(runtime.startProcessInstanceByKey(key).getProcessDefinitionId())
			.isEqualTo(second.get("definitionId").asText());
	}

	@Test
	void aScriptTaskAndAMethodCallAreRefusedOnTheirElements() throws Exception {
		String xml = waiting(key, "Wait").replace("<bpmn:userTask id=\"Task_Wait\" name=\"Wait\" />", """
				<bpmn:scriptTask id="Task_Wait" name="Run a script" scriptFormat="groovy"><bpmn:script>'rm -rf /'.execute()</bpmn:script></bpmn:scriptTask>""")
			.replace("<bpmn:sequenceFlow id=\"Flow_Done\" sourceRef=\"Task_Wait\" targetRef=\"End_Done\" />", """
					<bpmn:sequenceFlow id="Flow_Done" sourceRef="Task_Wait" targetRef="End_Done">
					  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${execution.getProcessEngine() != null}</bpmn:conditionExpression>
					</bpmn:sequenceFlow>""");
		Map<String, String> file = Map.of("resourceName", key + ".bpmn", "xml", xml);

		mvc.perform(post("/api/admin/models/validate").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(file)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.violations[*].elementId", hasItems("Task_Wait", "Flow_Done")))
			.andExpect(jsonPath("$.violations[*].rule", hasItems("script", "method-call")));

		mvc.perform(post("/api/admin/models/deploy").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(file)))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.message", containsString("not deployed")))
			.andExpect(jsonPath("$.violations[*].elementId", hasItems("Task_Wait", "Flow_Done")))
			.andExpect(jsonPath("$.violations[0].message", containsString("script tasks are not allowed")));

		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
	}

	@Test
	void aModelTheEngineCannotParseIsRefusedOnItsElement() throws Exception {
		String xml = waiting(key, "Wait").replace("<bpmn:userTask id=\"Task_Wait\" name=\"Wait\" />", """
				<bpmn:intermediateCatchEvent id="Event_Wait"><bpmn:timerEventDefinition id="Timer_Wait" /></bpmn:intermediateCatchEvent>""")
			.replace("Task_Wait", "Event_Wait");

		mvc.perform(post("/api/admin/models/deploy").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("resourceName", key + ".bpmn", "xml", xml))))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.violations[0].rule").value("engine"))
			.andExpect(jsonPath("$.violations[*].elementId", hasItems("Event_Wait")))
			.andExpect(jsonPath("$.violations[0].message", containsString("Timer")));
	}

	@Test
	void rollingBackDeploysTheOlderVersionAgainAsANewOne() throws Exception {
		String first = deploy(waiting(key, "First wait")).get(0).get("definitionId").asText();
		deploy(waiting(key, "Second wait"));

		JsonNode rolledBack = read(mvc.perform(post("/api/admin/models/versions/{id}/rollback", first).with(ADMIN)
			.with(csrf())).andExpect(status().isCreated())).get(0);

		assertThat(rolledBack.get("version").asInt()).isEqualTo(3);
		JsonNode source = read(mvc.perform(get("/api/admin/models/versions/{id}", rolledBack.get("definitionId").asText())
			.with(ADMIN)).andExpect(status().isOk()));
		assertThat(source.get("xml").asText()).contains("First wait").doesNotContain("Second wait");
		assertThat(source.get("resourceName").asText()).isEqualTo(key + ".bpmn");
		assertThat(model(list(), key).get("versions").get(0).get("deployedAs").asText())
			.isEqualTo("Rolled back to version 1 by admin");

		mvc.perform(post("/api/admin/models/versions/{id}/rollback", "no-such-version").with(ADMIN).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void theTierDecisionDeploysOnlyWhenItKeepsTheRules() throws Exception {
		JsonNode latest = model(list(), "sci-tier").get("versions").get(0);
		String xml = read(mvc.perform(get("/api/admin/models/versions/{id}", latest.get("definitionId").asText())
			.with(ADMIN)).andExpect(status().isOk())).get("xml").asText();

		String broken = xml.replace(" camunda:historyTimeToLive=\"P180D\"", "")
			.replace("<inputEntry id=\"Rule_PeerEndorsed_Sci\">",
					"<inputEntry id=\"Rule_PeerEndorsed_Sci\" expressionLanguage=\"javascript\">");
		mvc.perform(post("/api/admin/models/deploy").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("resourceName", "sci-tier.dmn", "xml", broken))))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.violations[*].elementId", hasItems("sci-tier", "Rule_PeerEndorsed_Sci")));
		assertThat(model(list(), "sci-tier").get("versions").get(0).get("version")).isEqualTo(latest.get("version"));

		JsonNode deployed = deploy("sci-tier.dmn", xml).get(0);
		assertThat(deployed.get("kind").asText()).isEqualTo("decision");
		assertThat(deployed.get("version").asInt()).isEqualTo(latest.get("version").asInt() + 1);
	}

	@Test
	void anAdminsVersionOutlivesTheStartupDeployOfTheUnchangedShippedModels() throws Exception {
		JsonNode shipped = model(list(), "skill-tier-update").get("versions").get(0);
		String xml = read(mvc.perform(get("/api/admin/models/versions/{id}", shipped.get("definitionId").asText())
			.with(ADMIN)).andExpect(status().isOk())).get("xml").asText();
		int edited = deploy("skill-tier-update.bpmn", xml.replace("name=\"Update SCI and tier\"",
				"name=\"Update SCI and tier (edited)\"")).get(0).get("version").asInt();

		startupDeploy.run(null);

		JsonNode latest = model(list(), "skill-tier-update").get("versions").get(0);
		assertThat(latest.get("version").asInt()).isEqualTo(edited);
		assertThat(latest.get("deployedAs").asText()).isEqualTo("Deployed by admin");
	}

	@Test
	void learnersAndEvaluatorsAreRefused() throws Exception {
		for (String role : List.of("LEARNER", "EVALUATOR")) {
			var someone = user("someone-" + role.toLowerCase()).roles(role);
			mvc.perform(get("/api/admin/models").with(someone)).andExpect(status().isForbidden());
			mvc.perform(post("/api/admin/models/deploy").with(someone).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("resourceName", key + ".bpmn", "xml", waiting(key, "Wait")))))
				.andExpect(status().isForbidden());
			mvc.perform(get("/api/admin/rubrics").with(someone)).andExpect(status().isForbidden());
		}
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
		mvc.perform(get("/api/admin/rubrics").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rubrics[*].id", hasItems("scenario-default")));
	}

	private JsonNode list() throws Exception {
		return read(mvc.perform(get("/api/admin/models").with(ADMIN)).andExpect(status().isOk()));
	}

	private JsonNode deploy(String xml) throws Exception {
		return deploy(key + ".bpmn", xml);
	}

	private JsonNode deploy(String resourceName, String xml) throws Exception {
		return read(mvc.perform(post("/api/admin/models/deploy").with(ADMIN).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("resourceName", resourceName, "xml", xml))))
			.andExpect(status().isCreated()));
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private static JsonNode model(JsonNode models, String key) {
		for (JsonNode model : models) {
			if (model.get("key").asText().equals(key)) {
				return model;
			}
		}
		throw new AssertionError("No model " + key + " in " + models);
	}

	/** A process that waits in a user task, so that its instances keep running. */
	private static String waiting(String key, String taskName) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
				    id="Definitions_Waiting" targetNamespace="https://provingground.dev/test">
				  <bpmn:process id="%s" name="Waiting" isExecutable="true" camunda:historyTimeToLive="P1D">
				    <bpmn:startEvent id="Start_Requested" />
				    <bpmn:sequenceFlow id="Flow_ToWait" sourceRef="Start_Requested" targetRef="Task_Wait" />
				    <bpmn:userTask id="Task_Wait" name="%s" />
				    <bpmn:sequenceFlow id="Flow_Done" sourceRef="Task_Wait" targetRef="End_Done" />
				    <bpmn:endEvent id="End_Done" />
				  </bpmn:process>
				</bpmn:definitions>
				""".formatted(key, taskName);
	}

}
