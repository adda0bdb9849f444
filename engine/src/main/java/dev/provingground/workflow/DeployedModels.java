package dev.provingground.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/**
 * The process and decision models in the engine, for admins: every version with its running instances, and deploys
 * and rollbacks through the same rules as the shipped models ({@link ModelValidator}). Every deploy and rollback makes
 * a new version; running instances stay on the version they started on, and new ones start on the latest.
 */
@Service
class DeployedModels {

	static final String PROCESS = "process";

	static final String DECISION = "decision";

	/** A plain file name: it becomes the resource name in the engine and a file name when downloaded. */
	private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.(bpmn|dmn)");

	private final RepositoryService repository;

	private final ManagementService management;

	private final ModelValidator validator = ModelValidator.forPlatform();

	DeployedModels(RepositoryService repository, ManagementService management) {
		this.repository = repository;
		this.management = management;
	}

	/** A process or decision, with its versions newest first. */
	record Model(String kind, String key, String name, String resourceName, List<Version> versions) {
	}

	/**
	 * @param deployedAs how this version came to be: shipped with the platform, deployed or rolled back by an admin
	 * @param runningInstances process instances on this version now; null for decisions, which have none
	 */
	record Version(String definitionId, int version, Instant deployedAt, String deployedAs, Integer runningInstances) {
	}

	record Source(String definitionId, String kind, String key, int version, String resourceName, String xml) {
	}

	record Deployed(String definitionId, String kind, String key, int version) {
	}

	/** One version of a process or a decision, whichever the id names. */
	private record Definition(String id, String kind, String key, String name, int version, String deploymentId,
			String resourceName) {

		static Definition of(ProcessDefinition process) {
			return new Definition(process.getId(), PROCESS, process.getKey(), process.getName(), process.getVersion(),
					process.getDeploymentId(), process.getResourceName());
		}

		static Definition of(DecisionDefinition decision) {
			return new Definition(decision.getId(), DECISION, decision.getKey(), decision.getName(),
					decision.getVersion(), decision.getDeploymentId(), decision.getResourceName());
		}

	}

	List<Model> list() {
		Map<String, Deployment> deployments = repository.createDeploymentQuery()
			.list()
			.stream()
			.collect(Collectors.toMap(Deployment::getId, Function.identity()));
		Map<String, Integer> running = management.createProcessDefinitionStatisticsQuery()
			.list()
			.stream()
			.collect(Collectors.toMap(ProcessDefinitionStatistics::getId, ProcessDefinitionStatistics::getInstances));
		List<Definition> definitions = new ArrayList<>();
		repository.createProcessDefinitionQuery().list().forEach(process -> definitions.add(Definition.of(process)));
		repository.createDecisionDefinitionQuery().list().forEach(decision -> definitions.add(Definition.of(decision)));
		definitions.sort(Comparator.comparing(Definition::kind)
			.reversed()
			.thenComparing(Definition::key)
			.thenComparing(Definition::version, Comparator.reverseOrder()));

		Map<String, List<Definition>> byModel = new LinkedHashMap<>();
		definitions.forEach(definition -> byModel
			.computeIfAbsent(definition.kind() + "/" + definition.key(), model -> new ArrayList<>())
			.add(definition));
		return byModel.values().stream().map(versions -> {
			Definition latest = versions.get(0);
			return new Model(latest.kind(), latest.key(), latest.name(), latest.resourceName(), versions.stream()
				.map(definition -> version(definition, deployments.get(definition.deploymentId()), running))
				.toList());
		}).toList();
	}

	private static Version version(Definition definition, Deployment deployment, Map<String, Integer> running) {
		String deployedAs = ProcessModelDeployer.DEPLOYMENT_NAME.equals(deployment.getName())
				? "Shipped with the platform" : deployment.getName();
		Integer instances = definition.kind().equals(PROCESS) ? running.getOrDefault(definition.id(), 0) : null;
		return new Version(definition.id(), definition.version(), deployment.getDeploymentTime().toInstant(), deployedAs,
				instances);
	}

	/** The model file of one version, as deployed. */
	Source source(String definitionId) {
		Definition definition = definition(definitionId);
		return new Source(definition.id(), definition.kind(), definition.key(), definition.version(),
				definition.resourceName(), new String(content(definition), StandardCharsets.UTF_8));
	}

	List<ModelViolation> validate(String resourceName, String xml) {
		requirePlainName(resourceName);
		return validator.validate(resourceName, bytes(xml));
	}

	/**
	 * Deploys a model as a new version of each process or decision in it.
	 * @throws InvalidModelException when it breaks a rule or the engine cannot parse it; nothing is deployed then
	 */
	List<Deployed> deploy(String resourceName, String xml, String admin) {
		requirePlainName(resourceName);
		return deployChecked(resourceName, bytes(xml), "Deployed by " + admin);
	}

	/**
	 * Deploys an older version's file again, as a new version: history stays linear, and instances on the versions
	 * in between keep running on them. The rules are checked again, as they may have grown since.
	 */
	List<Deployed> rollBack(String definitionId, String admin) {
		Definition definition = definition(definitionId);
		return deployChecked(definition.resourceName(), content(definition),
				"Rolled back to version " + definition.version() + " by " + admin);
	}

	/**
	 * The deployment's name says who made it and how. It is never {@link ProcessModelDeployer#DEPLOYMENT_NAME}, so the
	 * startup deploy, which compares the shipped files with its own last deployment only, does not undo it.
	 */
	private List<Deployed> deployChecked(String resourceName, byte[] content, String deploymentName) {
		List<ModelViolation> violations = validator.validate(resourceName, content);
		if (!violations.isEmpty()) {
			throw new InvalidModelException(violations);
		}
		DeploymentWithDefinitions deployment;
		try {
			deployment = repository.createDeployment()
				.name(deploymentName)
				.addInputStream(resourceName, new ByteArrayInputStream(content))
				.deployWithResult();
		}
		catch (ParseException ex) {
			throw new InvalidModelException(ex.getResorceReports()
				.stream()
				.flatMap(report -> report.getErrors().stream())
				.map(problem -> new ModelViolation(resourceName, problem.getMainElementId(), "engine", problem.getMessage()))
				.toList());
		}
		catch (ProcessEngineException | DmnEngineException ex) {
			throw new InvalidModelException(List.of(new ModelViolation(resourceName, null, "engine",
					"the engine cannot use this model: " + ex.getMessage())));
		}
		// The engine answers null, not an empty list, for a kind the deployment has none of.
		List<Deployed> deployed = new ArrayList<>();
		Objects.requireNonNullElse(deployment.getDeployedProcessDefinitions(), List.<ProcessDefinition>of())
			.forEach(process -> deployed.add(deployed(Definition.of(process))));
		Objects.requireNonNullElse(deployment.getDeployedDecisionDefinitions(), List.<DecisionDefinition>of())
			.forEach(decision -> deployed.add(deployed(Definition.of(decision))));
		return deployed;
	}

	private static Deployed deployed(Definition definition) {
		return new Deployed(definition.id(), definition.kind(), definition.key(), definition.version());
	}

	private Definition definition(String definitionId) {
		var process = repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
		if (process != null) {
			return Definition.of(process);
		}
		var decision = repository.createDecisionDefinitionQuery().decisionDefinitionId(definitionId).singleResult();
		if (decision != null) {
			return Definition.of(decision);
		}
		throw new UnknownModelVersionException(definitionId);
	}

	private byte[] content(Definition definition) {
		try (InputStream in = repository.getResourceAsStream(definition.deploymentId(), definition.resourceName())) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void requirePlainName(String resourceName) {
		if (resourceName == null || !RESOURCE_NAME.matcher(resourceName).matches()) {
			throw new IllegalArgumentException("Name the model file like scenario-run.bpmn or sci-tier.dmn (letters, "
					+ "digits, '.', '-' and '_'), not '" + resourceName + "'");
		}
	}

	private static byte[] bytes(String xml) {
		if (xml == null || xml.isBlank()) {
			throw new IllegalArgumentException("The model is empty; send its XML");
		}
		return xml.getBytes(StandardCharsets.UTF_8);
	}

	/** No process or decision version has this id. */
	static final class UnknownModelVersionException extends RuntimeException {

		UnknownModelVersionException(String definitionId) {
			super("No process or decision version has the id '" + definitionId + "'");
		}

	}

}
