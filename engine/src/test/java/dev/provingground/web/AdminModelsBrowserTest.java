package dev.provingground.web;

import java.time.Duration;
import java.util.UUID;

import dev.provingground.evidence.EvidenceStore;
import dev.provingground.platform.TemporaryDataDirectory;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin at work in a real browser: edits the idle timer of the scenario-run process in the modeler's properties
 * panel and deploys it as version 2; a model with a script task is refused, with the violation on its element; the
 * catalog and the evidence search show what the platform holds, and the search index is rebuilt from PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminModelsBrowserTest extends TemporaryDataDirectory {

	private static final Duration DEPLOY = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	EvidenceStore evidence;

	@Test
	void anAdminChangesTheIdleTimerDeploysVersionTwoAndIsRefusedAScriptTask() {
		try (var browser = Browser.open(port)) {
			browser.signIn("admin", ADMIN_PASSWORD);
			browser.driver().findElement(By.linkText("Admin")).click();
			browser.waitFor(By.partialLinkText("Process and decision models")).click();
			assertThat(latestVersionShown(browser, "scenario-run")).isEqualTo("1");

			browser.waitFor(By.cssSelector("[data-model='scenario-run'] th a")).click();
			element(browser, "Event_StackIdle").click();
			WebElement timer = timerValue(browser);
			assertThat(timer.getAttribute("value")).isEqualTo("${idleAfter}");
			timer.sendKeys(Keys.chord(Keys.CONTROL, "a"), "PT45M");
			browser.screenshot("admin-modeler");

			browser.button("Deploy").click();
			assertNotice(browser, "Deployed scenario-run as version 2");
			var deployed = repository.createProcessDefinitionQuery().processDefinitionKey("scenario-run").latestVersion()
				.singleResult();
			assertThat(deployed.getVersion()).isEqualTo(2);
			String xml = new String(readAll(repository.getProcessModel(deployed.getId())));
			assertThat(xml).contains("PT45M").doesNotContain("${idleAfter}").contains("id=\"Event_StackIdle\"");

			browser.driver().findElement(By.cssSelector("nav[aria-label=Admin]")).findElement(By.linkText("Models")).click();
			assertThat(latestVersionShown(browser, "scenario-run")).isEqualTo("2");
			browser.driver().findElement(By.cssSelector("[data-model='scenario-run'] summary")).click();
			assertThat(browser.waitFor(By.cssSelector("[data-model='scenario-run'] tr[data-version='1']")).getText())
				.contains("Shipped with the platform");
			browser.screenshot("admin-models");

			// The admin turns the give-up step into a script task, as the modeler's replace menu allows.
			browser.driver().findElement(By.cssSelector("[data-model='scenario-run'] th a")).click();
			element(browser, "Task_GiveUp").click();
			browser.waitFor(By.cssSelector(".djs-context-pad .entry[data-action='replace']")).click();
			browser.waitFor(By.cssSelector(".djs-popup .entry[data-id='replace-with-script-task']")).click();
			browser.button("Deploy").click();

			WebElement violations = browser.waitFor(By.cssSelector("[data-testid=violations]"), DEPLOY);
			assertNotice(browser, "so it was not deployed");
			WebElement scriptViolation = violations.findElement(By.xpath(".//li[contains(., 'script tasks are not allowed')]"));
			String elementId = scriptViolation.getAttribute("data-element-id");
			assertThat(elementId).isEqualTo("Task_GiveUp");
			assertThat(element(browser, elementId).getAttribute("class")).contains("pg-violation");
			assertThat(browser.all(By.cssSelector(".djs-overlay-violation .pg-violation-badge"))).isNotEmpty();
			browser.screenshot("admin-violation");
			assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("scenario-run").count()).isEqualTo(2);
		}
	}

	@Test
	void anAdminTunesATierThresholdInTheDecisionTableAndDeploysIt() {
		try (var browser = Browser.open(port)) {
			browser.signIn("admin", ADMIN_PASSWORD);
			browser.go("/admin/models");
			browser.waitFor(By.cssSelector("[data-model='sci-tier'] th a"), DEPLOY).click();

			browser.button("Check rules").click();
			assertNotice(browser, "The model keeps every rule.");

			WebElement cell = browser.waitFor(By.cssSelector("td[data-element-id='Rule_PeerEndorsed_Sci']"));
			assertThat(cell.getText()).isEqualTo(">= 75");
			cell.click();
			cell.findElement(By.cssSelector("[contenteditable]")).sendKeys(Keys.chord(Keys.CONTROL, "a"), ">= 80");
			browser.button("Deploy").click();

			assertNotice(browser, "Deployed sci-tier as version 2");
			var deployed = repository.createDecisionDefinitionQuery().decisionDefinitionKey("sci-tier").latestVersion()
				.singleResult();
			var model = repository.getDmnModelInstance(deployed.getId());
			InputEntry entry = model.getModelElementById("Rule_PeerEndorsed_Sci");
			assertThat(entry.getText().getTextContent()).isEqualTo(">= 80");
			assertThat(model.<Decision>getModelElementById("sci-tier").getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
		}
	}

	@Test
	void anAdminSeesTheCatalogSearchesEvidenceWithHighlightsAndPagesAndRebuildsTheIndex() {
		String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		for (int i = 1; i <= 23; i++) {
			evidence.append("ada", "databases", "scenario-03-connection-pooling", "run-" + word, "reflection",
					"{\"answer\": \"Attempt " + i + ": the " + word + " pool ran dry under load, so I raised its size.\"}");
		}
		try (var browser = Browser.open(port)) {
			browser.signIn("admin", ADMIN_PASSWORD);
			browser.go("/admin/catalog");
			browser.waitFor(By.xpath("//h3[contains(., 'Hands-on scenario review')]"));
			assertThat(browser.waitFor(By.cssSelector("[data-testid=package-failures]")).getText())
				.contains("Every package loaded");
			assertThat(browser.text()).contains("scenario-03-connection-pooling");

			browser.driver().findElement(By.linkText("Evidence")).click();
			browser.waitFor(By.id("evidence-q")).sendKeys(word);
			browser.driver().findElement(By.id("evidence-learner")).sendKeys("ada");
			new Select(browser.waitFor(By.xpath("//select[@id='evidence-scenario']/option[@value='scenario-03-connection-pooling']/.."), DEPLOY))
				.selectByValue("scenario-03-connection-pooling");
			browser.driver().findElement(By.id("evidence-kind")).sendKeys("reflection");
			// The index catches up within seconds of the evidence being recorded; search again until it has.
			browser.waitUntil(driver -> {
				browser.button("Search").click();
				return browser.waitFor(By.id("hits-title")).getText().contains("of 23");
			}, DEPLOY);
			assertThat(browser.waitFor(By.id("hits-title")).getText()).isEqualTo("1–20 of 23");
			assertThat(browser.all(By.cssSelector(".hit .snippet em"))).isNotEmpty()
				.allSatisfy(highlight -> assertThat(highlight.getText()).isEqualToIgnoringCase(word));
			browser.screenshot("admin-evidence-search");

			browser.button("Next").click();
			browser.waitUntil(driver -> browser.waitFor(By.id("hits-title")).getText().equals("21–23 of 23"), DEPLOY);
			assertThat(browser.all(By.cssSelector(".hit"))).hasSize(3);

			// Rebuilt from PostgreSQL, the index finds the same items again once the indexer has caught up.
			browser.button("Rebuild the search index").click();
			assertThat(browser.waitFor(By.cssSelector("[data-testid=index-rebuilt]"), DEPLOY).getText())
				.startsWith("Rebuilt the search index: queued");
			browser.waitUntil(driver -> {
				browser.button("Search").click();
				return browser.waitFor(By.id("hits-title")).getText().equals("1–20 of 23");
			}, DEPLOY);
		}
	}

	private static String latestVersionShown(Browser browser, String key) {
		return browser.waitFor(By.cssSelector("[data-model='" + key + "'] .latest-version"), DEPLOY).getText();
	}

	/** An element of the diagram in the modeler, by its BPMN id. */
	private static WebElement element(Browser browser, String id) {
		return browser.waitFor(By.cssSelector("g.djs-element[data-element-id='" + id + "']"), DEPLOY);
	}

	/** The properties panel's timer value, with its group opened as an admin would. */
	private static WebElement timerValue(Browser browser) {
		By value = By.id("bio-properties-panel-timerEventDefinitionValue");
		if (browser.all(value).stream().noneMatch(WebElement::isDisplayed)) {
			browser.waitFor(By.cssSelector("[data-group-id='group-timer'] .bio-properties-panel-group-header")).click();
		}
		return browser.waitFor(value);
	}

	/** Waits for the editor's notice to say what is expected, and fails with what it says instead. */
	private static void assertNotice(Browser browser, String expected) {
		try {
			browser.waitUntil(driver -> notice(browser).contains(expected), DEPLOY);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("The notice should say '" + expected + "' but says '" + notice(browser) + "'", ex);
		}
	}

	private static String notice(Browser browser) {
		try {
			return browser.all(By.cssSelector("[data-testid=editor-notice]")).stream().map(WebElement::getText)
				.findFirst().orElse("");
		}
		catch (StaleElementReferenceException ex) {
			return "";
		}
	}

	private static byte[] readAll(java.io.InputStream in) {
		try (in) {
			return in.readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
