package dev.provingground.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.milestones.Milestone;
import dev.provingground.milestones.Project;
import dev.provingground.milestones.ProjectCatalog;
import dev.provingground.milestones.ProjectSolutions;
import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The design project in real browsers. The learner starts it from the learning page, checks the untouched templates
 * and reads the hints, passes the first milestone with their documents, gives up on the second and reads its
 * solution, passes the rest and is submitted. An evaluator reads the milestones and the documents, scores them with
 * the design-doc rubric and endorses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class ProjectJourneyBrowserTest extends TemporaryDataDirectory {

	private static final String PROJECT = "scalable-system";

	/** Document checks take well under a second; the rest is room for a CI machine busy with other tests' stacks. */
	private static final Duration CHECKS = Duration.ofSeconds(60);

	private static final By CHECK_BUTTON = By.xpath("//button[normalize-space()='Check my documents']");

	@LocalServerPort
	int port;

	@Autowired
	ProjectCatalog catalog;

	@Autowired
	ObjectMapper json;

	@Test
	void aLearnerDesignsMilestoneByMilestoneAndIsReviewed() throws Exception {
		Project project = catalog.get(PROJECT);
		List<Milestone> milestones = project.milestones();
		try (var learner = Browser.open(port)) {
			learner.signIn("learner", LEARNER_PASSWORD);
			learner.go("/learn");
			learner.waitFor(By.cssSelector("button[aria-label='Start " + project.title() + "']")).click();
			awaitMilestone(learner, 1, milestones.get(0));

			checkDocuments(learner);
			learner.waitFor(By.xpath("//h2[.='Check results (attempt 1)']"), CHECKS);
			assertThat(learner.all(By.cssSelector("table.checks .badge.bad"))).as("the templates fail").isNotEmpty();
			assertThat(learner.all(By.cssSelector("table.checks .hint"))).as("with hints").isNotEmpty()
				.allSatisfy(hint -> assertThat(hint.getText()).startsWith("Hint: "));
			learner.waitFor(By.cssSelector("[data-testid=open-file]"));
			learner.fullPageScreenshot("project-hints");

			String runId = learner.driver().getCurrentUrl().replaceFirst(".*/learn/projects/", "");
			writeSolutionOf(learner, project, runId, milestones.get(0));
			checkDocuments(learner);
			awaitMilestone(learner, 2, milestones.get(1));
			assertThat(learner.waitFor(By.cssSelector("ol.steps li")).getText()).contains("passed");

			learner.button("Give up on this milestone").click();
			learner.driver().switchTo().alert().accept();
			awaitMilestone(learner, 3, milestones.get(2));
			WebElement solution = learner.waitFor(By.cssSelector("details[data-solution='" + milestones.get(1).id() + "']"));
			solution.findElement(By.tagName("summary")).click();
			learner.waitUntil(driver -> solution.getText().contains("Partition key"), CHECKS);
			learner.screenshot("project-solution");

			for (int i = 2; i < milestones.size(); i++) {
				awaitMilestone(learner, i + 1, milestones.get(i));
				writeSolutionOf(learner, project, runId, milestones.get(i));
				checkDocuments(learner);
				if (i + 1 < milestones.size()) {
					awaitMilestone(learner, i + 2, milestones.get(i + 1));
				}
			}
			learner.waitUntil(driver -> learner.waitFor(By.cssSelector("[data-testid=project-state]")).getText()
				.startsWith("State: in review"), CHECKS);
		}
		try (var evaluator = Browser.open(port)) {
			evaluator.signIn("evaluator", EVALUATOR_PASSWORD);
			String taskId = EvaluatorSteps.claimFromInbox(evaluator, "learner", "review-project-inbox");
			assertThat(evaluator.waitFor(By.tagName("h1")).getText()).isEqualTo(project.title() + " by learner");
			List<WebElement> rows = evaluator.all(By.cssSelector("section[aria-labelledby=evidence-milestones] tbody tr"));
			assertThat(rows).hasSize(milestones.size());
			assertThat(rows.get(1).getText()).contains("gave up");
			assertThat(evaluator.waitFor(By.cssSelector("details.document[open]")).getText())
				.startsWith("DESIGN.md").contains("Problem statement");
			EvaluatorSteps.scoreWithRubric(evaluator, "review-project");
			EvaluatorSteps.endorse(evaluator, "review-project-endorse");
			EvaluatorSteps.assertInboxNoLongerLists(evaluator, taskId);
		}
	}

	private static void awaitMilestone(Browser learner, int position, Milestone milestone) {
		learner.waitFor(By.xpath("//h2[@id='milestone-title'][.='Milestone " + position + ": " + milestone.title() + "']"),
				CHECKS);
		learner.waitFor(By.xpath("//button[normalize-space()='Check my documents'][not(@disabled)]"), CHECKS);
	}

	/**
	 * Presses Check and waits until the page took it: the button is disabled or gone (the request is on its way, or the
	 * checks run), or the verdicts or the milestone changed. A click the browser dropped is pressed once more, so that it
	 * does not read as checks that never ran; one the page took is never repeated.
	 */
	private static void checkDocuments(Browser learner) {
		String before = pageState(learner.driver());
		learner.waitFor(CHECK_BUTTON).click();
		ExpectedCondition<Boolean> taken = driver -> !pageState(driver).equals(before);
		try {
			new WebDriverWait(learner.driver(), Duration.ofSeconds(10), Duration.ofMillis(100)).until(taken);
		}
		catch (TimeoutException ex) {
			System.err.println("The page did not take the click on Check my documents; pressing it again");
			learner.waitFor(CHECK_BUTTON).click();
			learner.waitUntil(taken, CHECKS);
		}
	}

	/** What a click on Check changes: the button's state, the verdicts' attempt and the milestone at hand. */
	private static String pageState(WebDriver driver) {
		try {
			List<WebElement> buttons = driver.findElements(CHECK_BUTTON);
			String button = buttons.isEmpty() ? "none" : String.valueOf(buttons.get(0).isEnabled());
			return button + "|" + driver.findElements(By.cssSelector("#verdicts-title, #milestone-title, .progress"))
				.stream()
				.map(WebElement::getText)
				.toList();
		}
		catch (StaleElementReferenceException ex) {
			return "re-rendering";
		}
	}

	/**
	 * Saves the reference documents a milestone's checks read, through the same API the editor saves with: typing
	 * pages of Markdown key by key would test the keyboard, not the project.
	 */
	private void writeSolutionOf(Browser learner, Project project, String runId, Milestone milestone) throws Exception {
		for (Map.Entry<String, String> file : ProjectSolutions.filesFor(project, milestone.id()).entrySet()) {
			Object status = learner.put("/api/project-runs/" + runId + "/files/content?path=" + file.getKey(),
					json.writeValueAsString(Map.of("content", file.getValue())));
			assertThat(status).as("saving " + file.getKey()).isEqualTo(200L);
		}
	}

}
