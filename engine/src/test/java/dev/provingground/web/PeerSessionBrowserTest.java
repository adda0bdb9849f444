package dev.provingground.web;

import java.time.Duration;
import java.util.List;

import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.camunda.bpm.engine.ManagementService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer session in two real browsers. Both demo learners ask for a session with the form's default window; the
 * second request finds the first, the first learner accepts, the slot comes (its timer's job is run here instead of
 * in an hour), both evaluate each other with the session rubric, one endorses, and both see the session held. Its own
 * context (an explicit session setting), so that the session's SCI does not mix with other browser tests' learner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "camunda.bpm.job-execution.wait-time-in-millis=200",
		"camunda.bpm.job-execution.max-wait=500", "provingground.sessions.min-notice=30m" })
class PeerSessionBrowserTest extends TemporaryDataDirectory {

	private static final Duration MOVES = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	ManagementService management;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoLearnersAreMatchedMeetEvaluateEachOtherAndOneEndorses() {
		try (var first = Browser.open(port); var second = Browser.open(port)) {
			first.signIn("learner", LEARNER_PASSWORD);
			request(first);
			state(first, "MATCHING");

			second.signIn("learner2", LEARNER2_PASSWORD);
			request(second);
			state(second, "PROPOSED");
			String sessionId = second.driver().getCurrentUrl().replaceFirst(".*/sessions/", "");

			first.go("/sessions");
			first.waitFor(By.cssSelector("tr[data-session='" + sessionId + "']"), MOVES).findElement(By.linkText("Accept or decline"))
				.click();
			assertThat(first.waitFor(By.id("answer-title")).getText()).isEqualTo("learner2 proposes this session to you");
			first.screenshot("session-proposed");
			first.button("Accept").click();
			state(first, "SCHEDULED");
			state(second, "SCHEDULED");

			String process = jdbc.sql("select process_instance_id from peer_session where id = ?::uuid").param(sessionId)
				.query(String.class).single();
			management.executeJob(management.createJobQuery().processInstanceId(process).activityId("Event_SlotStarts")
				.singleResult().getId());

			for (Browser learner : List.of(first, second)) {
				whenReloaded(learner, By.id("evaluate-title"));
				learner.waitFor(By.xpath("//label[contains(., 'Yes')]/input")).click();
				for (WebElement criterion : learner.all(By.cssSelector("fieldset.criterion"))) {
					highestLevel(criterion).click();
				}
				if (learner == first) {
					learner.fullPageScreenshot("session-evaluate");
				}
				learner.button("Submit evaluation").click();
			}
			whenReloaded(first, By.id("endorse-title"));
			first.waitFor(By.id("session-endorse-comment")).sendKeys("Split the URL space by hash and argued the cache hit rate.");
			first.button("Endorse").click();
			whenReloaded(second, By.id("endorse-title"));
			second.button("Not this time").click();

			for (Browser learner : List.of(first, second)) {
				state(learner, "COMPLETED");
				assertThat(learner.text()).contains("Held and recorded");
			}
			assertThat(first.text()).contains("learner2's evaluation of you");
		}
		assertThat(jdbc.sql("select count(*) from sci_activity where learner_id in ('learner', 'learner2')")
			.query(Integer.class).single()).as("an SCI activity for each").isEqualTo(2);
		assertThat(jdbc.sql("select endorser_id from endorsement where learner_id = 'learner2'").query(String.class).list())
			.containsExactly("learner");
	}

	private static void request(Browser learner) {
		learner.go("/sessions");
		learner.button("Find me a partner").click();
		learner.waitFor(By.cssSelector("[data-testid=session-state]"), MOVES);
	}

	/** Waits for the session page to show the state; the platform moves in the background, so it reloads now and then. */
	private static void state(Browser learner, String state) {
		whenReloaded(learner, By.cssSelector("[data-testid=session-state] [data-state=" + state + "]"));
	}

	private static void whenReloaded(Browser learner, By locator) {
		long[] lastReload = { System.nanoTime() };
		learner.waitUntil(driver -> {
			if (!driver.findElements(locator).isEmpty()) {
				return true;
			}
			if (System.nanoTime() - lastReload[0] > Duration.ofSeconds(2).toNanos()) {
				driver.navigate().refresh();
				lastReload[0] = System.nanoTime();
			}
			return false;
		}, MOVES);
	}

	private static WebElement highestLevel(WebElement criterion) {
		return criterion.findElements(By.cssSelector("input[type=radio]")).stream()
			.max(java.util.Comparator.comparingInt(level -> Integer.parseInt(level.getAttribute("value"))))
			.orElseThrow();
	}

}
