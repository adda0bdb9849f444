package dev.provingground.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium on the platform under test, one per user. Debian's chromium and chromedriver are required:
 * without them the test fails with what to install, locally and in CI, and never skips.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Screenshots of the key pages, committed and shown in the README. */
	private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

	private final ChromeDriver driver;

	private final String baseUrl;

	private Browser(ChromeDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
	}

	public static Browser open(int port) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new AssertionError("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ ": apt-get install chromium chromium-driver (.ci/run installs them)");
		}
		var options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// This machine's network is closed: without the background-networking flags Chromium keeps dialling out.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1360,900");
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		var driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1360, 900));
		return new Browser(driver, "http://127.0.0.1:" + port);
	}

	public WebDriver driver() {
		return driver;
	}

	public void go(String path) {
		driver.get(baseUrl + path);
	}

	/** Signs in on the login page and waits for the signed-in app. */
	public void signIn(String user, String password) {
		go("/login");
		waitFor(By.name("username")).sendKeys(user);
		driver.findElement(By.name("password")).sendKeys(password);
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(By.cssSelector("[data-testid=signed-in-user]"));
	}

	public WebElement waitFor(By locator) {
		return waitFor(locator, Duration.ofSeconds(15));
	}

	public WebElement waitFor(By locator, Duration timeout) {
		return waitUntil(ExpectedConditions.visibilityOfElementLocated(locator)::apply, timeout);
	}

	/**
	 * Waits until the condition holds, for work the platform does in the background (a load run, checks). On a
	 * timeout the failure carries what the page said, and a screenshot goes to target/browser-failures.
	 */
	public <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
		try {
			return new WebDriverWait(driver, timeout, Duration.ofMillis(250)).until(condition::apply);
		}
		catch (TimeoutException ex) {
			throw new AssertionError(ex.getMessage().lines().findFirst().orElse("timed out") + "\nThe page at "
					+ driver.getCurrentUrl() + " said:\n" + text() + "\nScreenshot: " + failureScreenshot(), ex);
		}
	}

	private Path failureScreenshot() {
		try {
			Path dir = Files.createDirectories(Path.of("target", "browser-failures"));
			return Files.write(dir.resolve(System.currentTimeMillis() + ".png"), driver.getScreenshotAs(OutputType.BYTES))
				.toAbsolutePath();
		}
		catch (IOException | RuntimeException ex) {
			return Path.of("(none: " + ex.getMessage() + ")");
		}
	}

	public WebElement button(String text) {
		return waitFor(By.xpath("//button[normalize-space()='" + text + "']"));
	}

	public List<WebElement> all(By locator) {
		return driver.findElements(locator);
	}

	public String text() {
		return driver.findElement(By.tagName("body")).getText();
	}

	public void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The whole page, not just the window: the window grows to the page's height for the screenshot. */
	public void fullPageScreenshot(String name) {
		var window = driver.manage().window();
		Dimension normal = window.getSize();
		long height = (Long) driver.executeScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight");
		window.setSize(new Dimension(normal.getWidth(), (int) Math.min(height + 100, 8000)));
		screenshot(name);
		window.setSize(normal);
	}

	/**
	 * PUTs a JSON body from the signed-in page, with its session and CSRF token, as the app's editor saves a file;
	 * returns the HTTP status (or the fetch's error).
	 */
	public Object put(String path, String json) {
		return driver.executeAsyncScript("""
				const [url, body, done] = arguments;
				const cookie = document.cookie.split('; ').find((c) => c.startsWith('PG-XSRF-TOKEN='));
				const token = cookie ? decodeURIComponent(cookie.split('=')[1]) : '';
				fetch(url, { method: 'PUT', credentials: 'same-origin', body,
				    headers: { 'Content-Type': 'application/json', 'X-PG-XSRF-TOKEN': token } })
				  .then((response) => done(response.status), (error) => done(String(error)));
				""", path, json);
	}

	@Override
	public void close() {
		driver.quit();
	}

}
