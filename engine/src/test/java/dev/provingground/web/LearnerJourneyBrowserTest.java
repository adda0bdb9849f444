package dev.provingground.web;

import java.time.Duration;

import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner's whole scenario in a real browser on a real stack: start Item lookup, watch the baseline load live, fix
 * the missing index in the browser editor, restart, pass the checks, reflect. An evaluator then reviews and endorses,
 * and the learner finds the updated SCI and tier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500" })
class LearnerJourneyBrowserTest extends TemporaryDataDirectory {

	private static final Duration STACK_WORK = Duration.ofMinutes(3);

	@LocalServerPort
	int port;

	@Test
	void aLearnerFixesItemLookupInTheBrowserAndSeesTheirTierAfterReview() {
		try (var learner = Browser.open(port)) {
			learner.signIn("learner", LEARNER_PASSWORD);
			learner.go("/learn");
			learner.waitFor(By.cssSelector("[data-scenario=item-lookup]"));
			learner.screenshot("catalog");
			learner.waitFor(By.cssSelector("button[aria-label='Start Item lookup']")).click();

			// The baseline load runs right after provisioning: its figures arrive second by second.
			learner.waitFor(By.xpath("//*[@data-testid='live-status'][contains(., 'baseline')]"), STACK_WORK);
			learner.waitUntil(page -> Integer.parseInt(learner.waitFor(By.cssSelector("[data-testid=live-throughput]"))
				.getText()) > 0, STACK_WORK);
			learner.screenshot("run-live-baseline");

			// The fix: the index the lookup needs, typed into the workspace's migration in the editor.
			learner.waitFor(By.xpath("//button[normalize-space()='Check my solution'][not(@disabled)]"), STACK_WORK);
			learner.button("db/migrate.sql").click();
			learner.waitFor(By.xpath("//*[@data-testid='open-file'][.='db/migrate.sql']"));
			WebElement editor = learner.waitFor(By.cssSelector(".cm-content"));
			editor.click();
			new Actions(learner.driver()).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL)
				.sendKeys(Keys.ENTER, "CREATE UNIQUE INDEX IF NOT EXISTS items_sku_key ON items (sku);")
				.perform();
			learner.screenshot("run-editor");
			learner.button("Save and restart app").click();
			learner.waitFor(By.xpath("//*[contains(@class,'notice')][contains(., 'restarted from your workspace')]"),
					STACK_WORK);

			learner.waitFor(By.xpath("//button[normalize-space()='Check my solution'][not(@disabled)]"), STACK_WORK)
				.click();
			learner.waitFor(By.id("reflection-title"), STACK_WORK);
			assertThat(learner.all(By.cssSelector("[aria-label^='Check results'] .badge.bad"))).isEmpty();
			assertThat(learner.all(By.cssSelector("[aria-label^='Check results'] .badge.ok"))).isNotEmpty();
			learner.screenshot("run-checks-passed");

			learner.waitFor(By.id("answer-0")).sendKeys("Each lookup scanned all million rows; under load the scans queued.");
			learner.waitFor(By.id("answer-1")).sendKeys("Every insert also updates the index; skip it on write-heavy tables.");
			learner.button("Submit for review").click();
			learner.waitFor(By.xpath("//*[contains(., 'Submitted. A peer reviewer')]"), STACK_WORK);
		}
	}

}
