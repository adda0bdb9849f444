package dev.provingground.workflow;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Process and decision models for admins: versions, validation, deploy and rollback. Security allows admins only. */
@RestController
@Tag(name = "Models (admin)", description = "Process and decision models: versions, validation, deploy, rollback")
class ModelAdminController {

	private final DeployedModels models;

	ModelAdminController(DeployedModels models) {
		this.models = models;
	}

	/** A model file as the modeler saves it. */
	record ModelFile(String resourceName, String xml) {
	}

	record Validation(List<ModelViolation> violations) {
	}

	@GetMapping("/api/admin/models")
	@Operation(summary = "Every process and decision, with its versions (newest first) and running instances")
	List<DeployedModels.Model> list() {
		return models.list();
	}

	@GetMapping("/api/admin/models/versions/{definitionId}")
	@Operation(summary = "The model file of one version")
	DeployedModels.Source source(@PathVariable String definitionId) {
		return models.source(definitionId);
	}

	@PostMapping("/api/admin/models/validate")
	@Operation(summary = "Check a model against the platform's rules without deploying it")
	Validation validate(@RequestBody ModelFile file) {
		return new Validation(models.validate(file.resourceName(), file.xml()));
	}

	@PostMapping("/api/admin/models/deploy")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Deploy a model as a new version; running instances stay on theirs")
	@ApiResponse(responseCode = "422", description = "The model breaks the rules: every violation, with its element")
	List<DeployedModels.Deployed> deploy(Authentication admin, @RequestBody ModelFile file) {
		return models.deploy(file.resourceName(), file.xml(), admin.getName());
	}

	@PostMapping("/api/admin/models/versions/{definitionId}/rollback")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Deploy an older version's model again, as a new version")
	@ApiResponse(responseCode = "422", description = "The older version breaks today's rules")
	List<DeployedModels.Deployed> rollBack(Authentication admin, @PathVariable String definitionId) {
		return models.rollBack(definitionId, admin.getName());
	}

}
