package dev.provingground.workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models shipped in {@code processes/} at startup, after checking them with the same rules as admin
 * deploys. Unchanged models are not deployed again, so a restart creates no new versions.
 */
@Component
@Order(0)
class ProcessModelDeployer implements ApplicationRunner {

	static final String DEPLOYMENT_NAME = "provingground-processes";

	private static final Logger log = LoggerFactory.getLogger(ProcessModelDeployer.class);

	private final RepositoryService repository;

	ProcessModelDeployer(RepositoryService repository) {
		this.repository = repository;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Map<String, byte[]> models = shippedModels();
		var validator = ModelValidator.forPlatform();
		List<ModelViolation> violations = new ArrayList<>();
		models.forEach((name, content) -> violations.addAll(validator.validate(name, content)));
		if (!violations.isEmpty()) {
			throw new InvalidModelException(violations);
		}
		var deployment = repository.createDeployment().name(DEPLOYMENT_NAME).enableDuplicateFiltering(true);
		models.forEach((name, content) -> deployment.addInputStream(name, new java.io.ByteArrayInputStream(content)));
		var deployed = deployment.deploy();
		log.info("Process models: {} checked and deployed as {} (unchanged models keep their version)", models.size(),
				deployed.getId());
	}

	static Map<String, byte[]> shippedModels() throws IOException {
		var resolver = new PathMatchingResourcePatternResolver();
		Map<String, byte[]> models = new LinkedHashMap<>();
		for (String pattern : List.of("classpath*:processes/*.bpmn", "classpath*:processes/*.dmn")) {
			for (Resource resource : resolver.getResources(pattern)) {
				try (var in = resource.getInputStream()) {
					models.put(resource.getFilename(), in.readAllBytes());
				}
			}
		}
		return models;
	}

}
