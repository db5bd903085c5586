package io.poolsync.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.poolsync.testing.CognitoLocalResource;
import io.poolsync.testing.CognitoLocalResource.Backend;
import io.poolsync.testing.CognitoLocalResource.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.SyncApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status page at / in a real headless Chromium: it asks for the token, keeps it for the tab, shows a run's progress
 * moving and then its final counts, and its failures. Needs Debian's chromium and chromium-driver: without them the test
 * is skipped, unless POOLSYNC_REQUIRE_BROWSER=1 (set by .ci/run, which installs them) makes that a failure.
 */
@QuarkusTest
@QuarkusTestResource(value = CognitoLocalResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "poolsync.rate-limits.user-creation", value = "5") })
class StatusPageTest {

    static final int USERS = 60;
    static final Duration PAGE_DEADLINE = Duration.ofSeconds(20);

    @InjectBackend
    Backend backend;

    @TestHTTPResource("/")
    URL page;

    WebDriver browser;

    /** In a BeforeEach, so a machine without Chromium reports the test skipped, with the reason. */
    @BeforeEach
    void startBrowser() {
        Optional<Path> chromium = executable("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "the status page's browser test needs Chromium and its driver (Debian: apt-get install chromium "
                    + "chromium-driver); found chromium " + chromium.map(Path::toString).orElse("nowhere") + ", chromedriver "
                    + driver.map(Path::toString).orElse("nowhere");
            if ("1".equals(System.getenv("POOLSYNC_REQUIRE_BROWSER"))) {
                Assertions.fail(missing + ", and POOLSYNC_REQUIRE_BROWSER=1 requires them");
            }
            Assumptions.abort(missing + ": skipped (set POOLSYNC_REQUIRE_BROWSER=1 to fail instead)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,2400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** The program the environment variable names, if set; otherwise the first of Debian's paths that exists. */
    private static Optional<Path> executable(String variable, String... debianPaths) {
        String chosen = System.getenv(variable);
        List<String> candidates = chosen != null ? List.of(chosen) : List.of(debianPaths);
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsARunsProgressMovingAndItsFinalCounts() {
        for (int i = 0; i < USERS; i++) {
            backend.pools().addUser(backend.sourcePoolId(), "user-" + i, Map.of("email", "user-" + i + "@example.com"), true);
        }
        browser.get(page.toString());
        awaitVisible("token-form");
        enterToken("not-the-token");
        awaitVisible("token-problem");
        assertThat(text("#token-problem")).contains("bearer token").doesNotContain(CognitoLocalResource.API_TOKEN);

        enterToken(CognitoLocalResource.API_TOKEN);
        awaitVisible("dashboard");
        assertThat(text("#idle")).isEqualTo("No run in progress.");

        String runId = SyncApi.start();
        Set<String> writtenWhileRunning = new LinkedHashSet<>();
        Poll.until(Duration.ofMinutes(2), () -> {
            if (runId.equals(text("#run-id")) && visible("run")) {
                String written = text("#phase-APPLYING .phase-count");
                if (writtenWhileRunning.add(written) && writtenWhileRunning.size() == 4) {
                    screenshot("target/status-page-running.png");
                }
            }
            return text("#last-id");
        }, runId::equals, "the page to show run " + runId + " as the last finished run");

        List<String> partial = writtenWhileRunning.stream()
                .filter(count -> !count.startsWith("0 ") && !count.startsWith(USERS + " of " + USERS)).toList();
        assertThat(partial).as("users written as the page showed them while the run went on: " + writtenWhileRunning)
                .hasSizeGreaterThanOrEqualTo(2);

        assertThat(text("#last-phase")).isEqualTo("DONE");
        assertThat(count("last-counts", "source scanned")).isEqualTo(USERS);
        assertThat(count("last-counts", "created")).isEqualTo(USERS);
        assertThat(count("last-counts", "failed")).isZero();
        assertThat(text("#runs tr[data-run-id='" + runId + "'] td:nth-child(3)")).isEqualTo("DONE");
        assertThat(text("#runs tr[data-run-id='" + runId + "'] td:nth-child(5)")).isEqualTo(String.valueOf(USERS));
        assertThat(text("#quotas tbody")).contains("user-creation");

        browser.findElement(By.cssSelector("#runs tr[data-run-id='" + runId + "'] button")).click();
        awaitVisible("failures-empty");
        assertThat(text("#failures-run")).isEqualTo(runId);

        screenshot("target/status-page.png");

        // The token is kept for the tab: a reload goes straight to the dashboard.
        browser.navigate().refresh();
        awaitVisible("dashboard");
        assertThat(visible("token-form")).isFalse();
    }

    /** For people to look at: what the page showed. */
    private void screenshot(String path) {
        try {
            Files.write(Path.of(path), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void enterToken(String token) {
        var input = browser.findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token);
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    /** Reads in one script, so a re-render between finding and reading an element can't interfere. */
    private String text(String selector) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", selector);
        return text == null ? "" : text.toString();
    }

    private boolean visible(String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); return !!e && !e.hidden && e.offsetParent !== null;", id));
    }

    private long count(String table, String label) {
        return Long.parseLong(text("#" + table + " tr[data-count='" + label + "'] td"));
    }

    private void awaitVisible(String id) {
        Poll.until(PAGE_DEADLINE, () -> visible(id), Boolean::booleanValue, "#" + id + " to show");
    }

    static {
        // Selenium reports what it does at INFO through java.util.logging; the test log needn't carry it.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.WARNING);
    }
}
