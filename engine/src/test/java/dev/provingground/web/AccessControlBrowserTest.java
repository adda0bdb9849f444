package dev.provingground.web;

import dev.provingground.platform.TemporaryDataDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The role split holds in the browser: pages and APIs refuse, whatever links the UI shows. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlBrowserTest extends TemporaryDataDirectory {

	@LocalServerPort
	int port;

	@Test
	void aLearnerIsRefusedOnAdminAndReviewPagesAndApis() {
		try (var browser = Browser.open(port)) {
			browser.signIn("learner", LEARNER_PASSWORD);
			assertThat(browser.all(By.linkText("Admin"))).isEmpty();

			browser.go("/admin/models");
			assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("This page is not for your role");
			browser.screenshot("refused");

			browser.go("/review");
			assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("This page is not for your role");

			browser.go("/");
			browser.waitFor(By.cssSelector("[data-testid=signed-in-user]"));
			assertThat(statusOf(browser, "/api/admin/scenarios/failures")).isEqualTo(403);
			assertThat(statusOf(browser, "/api/review/tasks")).isEqualTo(403);
			assertThat(statusOf(browser, "/api/scenarios")).isEqualTo(200);
		}
	}

	@Test
	void anEvaluatorReachesReviewButNotAdmin() {
		try (var browser = Browser.open(port)) {
			browser.signIn("evaluator", EVALUATOR_PASSWORD);
			assertThat(browser.all(By.linkText("Review"))).hasSize(1);
			assertThat(browser.all(By.linkText("Admin"))).isEmpty();

			browser.go("/admin");
			assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("This page is not for your role");
			assertThat(statusOf(browser, "/api/admin/scenarios/failures")).isEqualTo(403);
			assertThat(statusOf(browser, "/api/review/tasks")).isEqualTo(200);
		}
	}

	/** The status the platform answers to a same-origin fetch with the browser's session. */
	private static long statusOf(Browser browser, String path) {
		return (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));", path);
	}

}
