package uk.mash.localstack.browser;

import static java.util.function.Predicate.not;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium for one test class, from Debian's {@code chromium} and {@code chromium-driver}: register it
 * as a static field with {@code @RegisterExtension}. Each test starts in a fresh tab, without what an earlier test set
 * on its own (extra headers, say), and with no cookies, so signed out of everything. Without the packages the class is
 * skipped, before anything else in it starts, unless {@code BROWSER_TESTS_REQUIRED=true} (as in CI), where it fails:
 * CI cannot pass without the pages run in a browser.
 */
public final class HeadlessChromium
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration NEXT_PAGE = Duration.ofSeconds(30);

    private Path profile;
    private ChromeDriver driver;

    /** The browser, on the current test's tab; Chromium's own commands (DevTools) are there too. */
    public ChromeDriver driver() {
        return driver;
    }

    /** The HTTP status of the page the browser is on, as the browser received it: the last form's answer too. */
    public int statusOfCurrentPage() {
        Number status = (Number) driver.executeScript(
                "return performance.getEntriesByType('navigation')[0].responseStatus");
        return status.intValue();
    }

    /** The path of the page the browser is on, after any redirect. */
    public String currentPath() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The visible text of the first element the CSS selector finds on the page. */
    public String text(String selector) {
        return driver.findElement(By.cssSelector(selector)).getText();
    }

    /** Headers on every request from the tab, as a client that knows an API key would send it. */
    public void sendOnEveryRequest(Map<String, String> headers) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    /** Signs in on a page's sign-in form: the key in its field, then the form's button, waiting for where it leads. */
    public void signIn(URI signInPage, String keyField, String key) {
        driver.get(signInPage.toString());
        driver.findElement(By.id(keyField)).sendKeys(key);
        clickThrough(driver.findElement(By.cssSelector("main form button[type='submit']")));
    }

    /**
     * Clicks what leads to another page and waits until it has loaded: a click can return before a form's answer has
     * arrived, and the page it leaves can be gone before the next one (behind a redirect) has been read.
     */
    public void clickThrough(WebElement element) {
        WebElement leaving = driver.findElement(By.tagName("html"));
        element.click();
        await().atMost(NEXT_PAGE).until(() -> isGone(leaving)
                && "complete".equals(driver.executeScript("return document.readyState")));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Path> missing = Stream.of(BROWSER, DRIVER).filter(not(Files::isExecutable)).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("headless Chromium at " + BROWSER);
        }
        String absent = "No headless Chromium for the browser tests: " + missing
                + " not installed (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("BROWSER_TESTS_REQUIRED"))) {
            throw new IllegalStateException(absent + ", and BROWSER_TESTS_REQUIRED=true");
        }
        return ConditionEvaluationResult.disabled(absent);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        // the driver's path is given, so Selenium Manager never looks for one on the internet
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                // nothing but the pages under test: no calls home, which a closed network would only time out
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        driver.getWindowHandles().stream().filter(not(fresh::equals))
                .forEach(tab -> driver.switchTo().window(tab).close());
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // beforeAll may have stopped short of starting Chromium
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    private static boolean isGone(WebElement page) {
        try {
            page.isDisplayed();
            return false;
        }
        catch (StaleElementReferenceException e) {
            return true;
        }
    }
}
