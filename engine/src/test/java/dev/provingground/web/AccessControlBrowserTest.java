package dev.provingground.web;

import java.time.Duration;

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

	/**
	 * A visitor without a login opens a learner's passport page: private, it says so; made public by the learner, it
	 * shows. Every other page still asks the visitor to sign in.
	 */
	@Test
	void aVisitorReadsAPublicPassportWithoutSigningIn() {
		try (var visitor = Browser.open(port); var learner = Browser.open(port)) {
			visitor.go("/passport/learner");
			assertThat(visitor.waitFor(By.tagName("h1")).getText()).isEqualTo("Passport of learner");
			visitor.waitFor(By.cssSelector("[role=alert], .notice.error"));
			assertThat(visitor.all(By.linkText("Sign in"))).hasSize(1);

			learner.signIn("learner", LEARNER_PASSWORD);
			learner.go("/passport");
			learner.waitFor(By.xpath("//label[contains(., 'Anyone with the link')]/input")).click();
			learner.waitUntil(driver -> statusOf(visitor, "/api/passport/learner") == 200, Duration.ofSeconds(10));

			visitor.go("/passport/learner");
			assertThat(visitor.waitFor(By.tagName("h1")).getText()).isEqualTo("Passport of learner");
			visitor.waitUntil(driver -> visitor.all(By.cssSelector("[role=alert], .notice.error")).isEmpty()
					&& visitor.all(By.cssSelector("[aria-busy=true]")).isEmpty(), Duration.ofSeconds(10));
			visitor.go("/passport/verify");
			visitor.waitFor(By.tagName("h1"));
			assertThat(visitor.driver().getCurrentUrl()).endsWith("/passport/verify");

			visitor.go("/learn");
			visitor.waitFor(By.name("username"));
			assertThat(visitor.driver().getCurrentUrl()).endsWith("/login");
		}
	}

	/** The status the platform answers to a same-origin fetch with the browser's session. */
	private static long statusOf(Browser browser, String path) {
		return (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));", path);
	}

}
