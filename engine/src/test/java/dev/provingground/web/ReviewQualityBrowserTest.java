package dev.provingground.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.TemporaryDataDirectory;
import dev.provingground.review.Calibrations;
import dev.provingground.sci.EndorsementRings;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review quality in real browsers. An admin marks a design as gold in the browser (two more are gold already); the
 * evaluator is asked to calibrate, scores the three and sees each beside the reference; the admin then reads the
 * agreement per criterion, the evaluator's weight, and clears a held mutual endorsement. Its own context (the
 * explicit calibration setting), because gold submissions make calibration required for every evaluator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "provingground.review.calibration.required=3" })
class ReviewQualityBrowserTest extends TemporaryDataDirectory {

	private static final String RUBRIC = "design-doc";

	@LocalServerPort
	int port;

	@Autowired
	EvidenceStore evidence;

	@Autowired
	Calibrations calibrations;

	@Autowired
	EndorsementRings endorsements;

	@Test
	void goldCalibrationAgreementAndHeldEndorsements() {
		for (int i = 0; i < 3; i++) {
			evidence.append("designer-" + i, "system-design", "scalable-system", "design-" + i, "documents",
					"{\"files\": {\"DESIGN.md\": \"# Design " + i + "\\n\\n## Problem statement\\nFan-out versus latency.\"}}");
		}
		calibrations.markGold("design-1", RUBRIC, allAt(1), "admin");
		calibrations.markGold("design-2", RUBRIC, allAt(2), "admin");
		endorsements.endorse("ring-a", "system-design", "ring-b", "Clear ADRs", "ring-run-1");
		endorsements.endorse("ring-b", "system-design", "ring-a", "Good numbers", "ring-run-2");

		try (var admin = Browser.open(port)) {
			admin.signIn("admin", ADMIN_PASSWORD);
			admin.go("/admin/review-quality");
			admin.waitFor(By.xpath("//summary[.='Mark a submission as gold']")).click();
			admin.waitFor(By.id("gold-submission")).sendKeys("design-0");
			new Select(admin.waitFor(By.id("gold-rubric"))).selectByValue(RUBRIC);
			chooseLevels(admin, 3);
			admin.button("Mark as gold").click();
			admin.waitFor(By.xpath("//*[@role='status'][.='Marked design-0 as gold.']"));
			admin.waitUntil(driver -> admin.all(By.cssSelector("section[aria-labelledby=golds-title] tbody tr")).size() == 3,
					Duration.ofSeconds(10));
		}

		try (var evaluator = Browser.open(port)) {
			evaluator.signIn("evaluator", EVALUATOR_PASSWORD);
			evaluator.go("/review");
			evaluator.waitFor(By.cssSelector("[data-testid=calibrate-first]")).findElement(By.linkText("Go to calibration"))
				.click();
			WebElement row = evaluator.waitFor(By.cssSelector("tr[data-rubric=" + RUBRIC + "]"));
			assertThat(row.getText()).contains("0 of 3").contains("calibrate first");
			for (int round = 1; round <= 3; round++) {
				evaluator.waitFor(By.cssSelector("tr[data-rubric=" + RUBRIC + "] button")).click();
				evaluator.waitFor(By.xpath("//*[contains(@class,'markdown')]//h2[.='Problem statement']"));
				assertThat(evaluator.all(By.id("review-comment"))).as("no comment for the learner").isEmpty();
				chooseLevels(evaluator, 2);
				evaluator.button("Submit calibration").click();
				WebElement result = evaluator.waitFor(By.cssSelector("[data-testid=calibration-result]"));
				assertThat(result.getText()).contains("accurate").contains("Reference");
				if (round == 2) {
					evaluator.fullPageScreenshot("review-calibration");
				}
			}
			evaluator.waitUntil(driver -> evaluator.waitFor(By.cssSelector("tr[data-rubric=" + RUBRIC + "]")).getText()
				.contains("calibrated"), Duration.ofSeconds(10));
			assertThat(evaluator.waitFor(By.cssSelector("tr[data-rubric=" + RUBRIC + "]")).getText()).contains("3 of 3");
			// Scoring 2 everywhere against references of 3, 1 and 2: accuracies 2/3, 2/3 and 1, a mean of 78%.
			assertThat(evaluator.waitFor(By.cssSelector("[data-testid=calibration-weight]")).getText())
				.isEqualTo("Your weight in Proof: 78%");
			evaluator.go("/review");
			evaluator.waitFor(By.id("queue-title"));
			assertThat(evaluator.all(By.cssSelector("[data-testid=calibrate-first]"))).isEmpty();
		}

		try (var admin = Browser.open(port)) {
			admin.signIn("admin", ADMIN_PASSWORD);
			admin.go("/admin/review-quality");
			WebElement decisions = admin.waitFor(By.cssSelector("tr[data-criterion=decisions]"));
			assertThat(decisions.getText()).contains("3"); // three gold submissions
			List<WebElement> flags = admin.all(By.xpath("//tr[td[6]//*[.='poor agreement']]"));
			assertThat(flags).as("the evaluator scored 2 where the references spread from 1 to 3").isNotEmpty();
			assertThat(admin.waitFor(By.cssSelector("section[aria-labelledby=reviewers-title]")).getText())
				.contains("evaluator").contains("78%");
			WebElement held = admin.waitFor(By.cssSelector("section[aria-labelledby=held-title]"));
			assertThat(held.findElements(By.tagName("li"))).hasSize(2);
			admin.fullPageScreenshot("admin-review-quality");
			held.findElements(By.xpath(".//button[.='Clear']")).get(0).click();
			admin.waitUntil(driver -> driver.findElements(By.cssSelector("section[aria-labelledby=held-title] li")).size() == 1,
					Duration.ofSeconds(10));
		}
	}

	private static Map<String, Integer> allAt(int points) {
		return Map.of("problem-and-scale", points, "scale-and-consistency", points, "failure-and-operations", points,
				"decisions", points, "prototype", points);
	}

	/** Chooses the level with these points in every criterion of the rubric form. */
	private static void chooseLevels(Browser browser, int points) {
		List<WebElement> criteria = browser.all(By.cssSelector("fieldset.criterion"));
		assertThat(criteria).hasSize(5);
		for (WebElement criterion : criteria) {
			criterion.findElement(By.cssSelector("input[type=radio][value='" + points + "']")).click();
		}
	}

}
