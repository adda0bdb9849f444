package dev.provingground.review;

import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rubric catalog for admins, with the rubric files that failed to load. Security allows admins only. */
@RestController
@Tag(name = "Rubrics (admin)", description = "The loaded rubrics and the files that failed to load")
class RubricAdminController {

	private final RubricCatalog catalog;

	RubricAdminController(RubricCatalog catalog) {
		this.catalog = catalog;
	}

	record RubricFailure(String file, List<String> problems) {
	}

	record Rubrics(List<Rubric> rubrics, List<RubricFailure> failures) {
	}

	@GetMapping("/api/admin/rubrics")
	@Operation(summary = "The loaded rubrics, and each rubric file that failed to load with its problems")
	Rubrics rubrics() {
		return new Rubrics(catalog.rubrics(), catalog.failures()
			.entrySet()
			.stream()
			.map(failure -> new RubricFailure(failure.getKey(), failure.getValue()))
			.sorted(Comparator.comparing(RubricFailure::file))
			.toList());
	}

}
