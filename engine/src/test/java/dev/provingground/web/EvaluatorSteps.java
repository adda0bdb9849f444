package dev.provingground.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an evaluator does in the browser, as steps that browser tests share: take a learner's submission from the
 * inbox, read its evidence, score it with the rubric and endorse the learner. Each step asserts what the evaluator
 * should see, so that a test built from them fails where the UI goes wrong.
 */
public final class EvaluatorSteps {

	/** The comment the steps endorse with, for tests to find the endorsement by. */
	public static final String ENDORSEMENT_COMMENT = "Found the missing index from the plan and explained its write cost.";

	public static final String REVIEW_COMMENT = "Clear diagnosis, backed by EXPLAIN output; a minimal fix.";

	private EvaluatorSteps() {
	}

	/**
	 * From the inbox to an endorsement: claims the learner's oldest submission waiting for review, checks that the
	 * submission view shows the diff, the before and after load charts, the check results and the reflection, scores
	 * every criterion at its highest level (after checking that a missing criterion is stopped in the browser),
	 * submits, and endorses with {@link #ENDORSEMENT_COMMENT}. Screenshots: {@code review-inbox},
	 * {@code review-submission}, {@code review-endorse}.
	 *
	 * @param browser signed in as an evaluator (or an admin) who is not the learner
	 */
	public static void reviewAndEndorse(Browser browser, String learnerId) {
		String taskId = claimFromInbox(browser, learnerId, "review-inbox");
		readSubmission(browser, learnerId);
		scoreWithRubric(browser, "review-submission");
		endorse(browser, "review-endorse");
		assertInboxNoLongerLists(browser, taskId);
	}

	/** Opens the inbox from the navigation, claims the learner's submission there, and returns its task id. */
	static String claimFromInbox(Browser browser, String learnerId, String screenshot) {
		browser.go("/");
		browser.waitFor(By.linkText("Review")).click();
		assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Review inbox");
		By row = By.xpath("//table[contains(@class,'queue')]//tr[td[1][normalize-space()='" + learnerId + "']]");
		String taskId = browser.waitFor(row).getAttribute("data-task-id");
		By rowOfTask = By.cssSelector("tr[data-task-id='" + taskId + "']");
		WebElement claimed = browser.waitFor(rowOfTask);
		assertThat(claimed.getText()).contains("unclaimed");
		claimed.findElement(By.xpath(".//button[normalize-space()='Claim']")).click();
		browser.waitUntil(driver -> driver.findElement(rowOfTask).getText().contains("by you"), Duration.ofSeconds(15));
		browser.screenshot(screenshot);
		browser.waitFor(rowOfTask).findElement(By.tagName("a")).click();
		return taskId;
	}

	/** The submission view shows every piece of evidence a reviewer needs. */
	static void readSubmission(Browser browser, String learnerId) {
		assertThat(browser.waitFor(By.tagName("h1")).getText()).endsWith(" by " + learnerId);
		browser.waitFor(By.id("evidence-diff"));
		assertThat(browser.waitFor(By.cssSelector("[data-testid=claim-status]")).getText()).contains("claimed by you");

		assertThat(browser.all(By.cssSelector("pre.diff span.add"))).as("added lines in the diff").isNotEmpty();
		List<String> charts = browser.all(By.cssSelector("figure.chart figcaption strong")).stream()
			.map(WebElement::getText)
			.toList();
		assertThat(charts).as("load charts").anyMatch(title -> title.startsWith("Before"))
			.anyMatch(title -> title.startsWith("After"));
		assertThat(browser.all(By.cssSelector("figure.chart svg polyline"))).as("chart lines").hasSizeGreaterThanOrEqualTo(4);
		assertThat(browser.all(By.cssSelector("table.checks tbody tr"))).as("check verdicts").isNotEmpty();
		assertThat(browser.all(By.cssSelector("dl.reflection dd"))).as("reflection answers").isNotEmpty()
			.allSatisfy(answer -> assertThat(answer.getText()).isNotBlank());
	}

	/**
	 * Scores every criterion but the last and submits: the browser stops it with a message naming the missing one.
	 * The summary's link leads to that criterion, which is then scored from the keyboard.
	 */
	static void scoreWithRubric(Browser browser, String screenshot) {
		List<WebElement> criteria = browser.all(By.cssSelector("fieldset.criterion"));
		assertThat(criteria).as("rubric criteria").isNotEmpty();
		for (WebElement criterion : criteria.subList(0, criteria.size() - 1)) {
			highestLevel(criterion).click();
		}
		WebElement last = criteria.get(criteria.size() - 1);
		String lastTitle = last.findElement(By.tagName("legend")).getText().replaceFirst(" \\(.*", "");
		browser.button("Submit review").click();
		WebElement problems = browser.waitFor(By.cssSelector("[data-testid=rubric-problems]"));
		assertThat(problems.getText()).contains(lastTitle + ": choose a level");
		assertThat(browser.all(By.cssSelector("[data-testid=review-outcome]"))).as("nothing was submitted").isEmpty();

		problems.findElement(By.partialLinkText(lastTitle)).click();
		WebElement focused = browser.driver().switchTo().activeElement();
		List<WebElement> levels = last.findElements(By.cssSelector("input[type=radio]"));
		assertThat(focused).as("the summary's link focuses the criterion").isEqualTo(levels.get(0));
		focused.sendKeys(Keys.SPACE);
		for (int i = 1; i < levels.size(); i++) {
			browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
		}
		assertThat(highestLevel(last).isSelected()).as("the highest level, chosen with the keyboard").isTrue();
		browser.waitUntil(driver -> driver.findElements(By.cssSelector("[data-testid=rubric-problems]")).isEmpty(),
				Duration.ofSeconds(5));
		assertThat(browser.text()).contains("Score: 100%, passes.");

		browser.waitFor(By.id("review-comment")).sendKeys(REVIEW_COMMENT);
		browser.fullPageScreenshot(screenshot);
		browser.button("Submit review").click();
		WebElement outcome = browser.waitFor(By.cssSelector("[data-testid=review-outcome]"));
		assertThat(outcome.getText()).isEqualTo("Review submitted: 100%, passed.");
	}

	/** Endorsing needs a comment; with one, the endorsement is recorded. */
	static void endorse(Browser browser, String screenshot) {
		browser.button("Endorse").click();
		assertThat(browser.waitFor(By.id("endorse-problem")).getText())
			.isEqualTo("Write a comment that says what you saw before you endorse.");
		browser.waitFor(By.id("endorse-comment")).sendKeys(ENDORSEMENT_COMMENT);
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'})",
				browser.waitFor(By.cssSelector("[data-testid=review-outcome]")));
		browser.screenshot(screenshot);
		browser.button("Endorse").click();
		assertThat(browser.waitFor(By.cssSelector("[data-testid=endorsement-outcome]")).getText())
			.startsWith("Endorsement recorded:");
	}

	static void assertInboxNoLongerLists(Browser browser, String taskId) {
		browser.waitFor(By.linkText("Back to the review inbox")).click();
		browser.waitFor(By.id("endorsements-title"));
		browser.waitUntil(driver -> driver.findElements(By.cssSelector("[aria-busy=true]")).isEmpty(),
				Duration.ofSeconds(15));
		assertThat(browser.all(By.cssSelector("tr[data-task-id='" + taskId + "']"))).as("the review left the queue")
			.isEmpty();
		assertThat(browser.text()).contains("No passing review of yours is waiting for an endorsement.");
	}

	private static WebElement highestLevel(WebElement criterion) {
		return criterion.findElements(By.cssSelector("input[type=radio]")).stream()
			.max(Comparator.comparingInt(level -> Integer.parseInt(level.getAttribute("value"))))
			.orElseThrow();
	}

}
