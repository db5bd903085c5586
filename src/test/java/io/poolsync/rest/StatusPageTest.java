package io.poolsync.rest;

import static io.poolsync.testing.SyncApi.authorized;
import static io.restassured.RestAssured.given;
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
import java.util.function.IntPredicate;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import io.poolsync.testing.Backend;
import io.poolsync.testing.InjectBackend;
import io.poolsync.testing.Poll;
import io.poolsync.testing.SyncApi;
import io.poolsync.testing.TestPools;
import io.poolsync.testing.WithPools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The status page at / in a real headless Chromium, under a strict Content-Security-Policy: it asks for the token and
 * keeps it for the tab; its start button, after a confirmation naming the pools and the policy, starts a run that the
 * API reports; it shows the run moving, its charts, its plan and failures as filterable tables, and a dry run started
 * from the other button; without a console error, at a desktop's and a phone's width. The target signs in by email,
 * so one source user fails, one is skipped, and one target user the run doesn't own holds a source user's email.
 * Needs Debian's chromium and chromium-driver: without them the test is skipped, unless POOLSYNC_REQUIRE_BROWSER=1
 * (set by .ci/run, which installs them) makes that a failure.
 */
@QuarkusTest
@WithPools(args = {
        @ResourceArg(name = "targetSignIn", value = "email"),
        @ResourceArg(name = "poolsync.rate-limits.user-creation", value = "10"),
        @ResourceArg(name = "quarkus.http.header.\"Content-Security-Policy\".value", value = StatusPageTest.CSP) })
class StatusPageTest {

    static final int USERS = 60;
    static final Duration PAGE_DEADLINE = Duration.ofSeconds(20);
    /** The policy the page must work under: no inline script or style, no eval, nothing from elsewhere. */
    static final String CSP = "default-src 'self'; frame-ancestors 'none'";

    @InjectBackend
    Backend<TestPools> backend;

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
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
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
    void startsARunFromItsButtonAndShowsItMovingThenItsChartsPlanAndFailures() {
        String source = backend.sourcePoolId();
        for (int i = 0; i < USERS; i++) {
            backend.pools().addUser(source, "user-" + i, Map.of("email", "user-" + i + "@example.com"), true);
        }
        backend.pools().addUser(source, "no-email", Map.of("given_name", "Nomail"), true);
        // cognito-local, like Cognito, refuses an email-signing-in user whose email isn't an address.
        backend.pools().addUser(source, "Broken", Map.of("email", "not-an-address"), true);
        // Not poolsync's (no source sub), with a source user's email: a conflict.
        backend.pools().addUser(backend.targetPoolId(), "user-3@example.com",
                Map.of("email", "user-3@example.com", "given_name", "Local"), true);

        // The policy is really in force for the page and what it loads.
        for (String path : List.of("/", "/status.js", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")) {
            given().get(path).then().statusCode(200).header("Content-Security-Policy", CSP);
        }
        browser.get(page.toString());
        awaitVisible("token-form");
        enterToken("not-the-token");
        awaitVisible("token-problem");
        assertThat(text("#token-problem")).contains("bearer token").doesNotContain(SyncApi.API_TOKEN);
        browserErrors(); // the refused token's 401, as expected

        enterToken(SyncApi.API_TOKEN);
        awaitVisible("dashboard");
        assertThat(text("#idle")).isEqualTo("No run in progress.");
        Poll.until(PAGE_DEADLINE, () -> text("#state-line"), line -> line.startsWith("Idle"), "the state line to say idle");
        assertThat(enabled("start-sync")).isTrue();

        // The sync button asks first, naming the pools and the policy; cancelling starts nothing.
        click("start-sync");
        awaitVisible("confirm");
        assertThat(text("#confirm-settings")).contains(source, backend.targetPoolId(), "upsert");
        click("confirm-cancel");
        Poll.until(PAGE_DEADLINE, () -> visible("confirm"), shown -> !shown, "the confirmation to close");
        assertThat(authorized().get("/sync/runs").then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();

        click("start-sync");
        awaitVisible("confirm");
        click("confirm-start");
        String runId = Poll.until(PAGE_DEADLINE,
                () -> authorized().get("/sync/runs").then().statusCode(200).extract().jsonPath(),
                runs -> runs.getList("$").size() == 1, "the API to report the run the button started").getString("[0].id");
        assertThat(authorized().get("/sync/runs/" + runId).then().extract().jsonPath().getBoolean("dryRun")).isFalse();

        Set<String> writtenWhileRunning = new LinkedHashSet<>();
        Set<Boolean> buttonsEnabledWhileRunning = new LinkedHashSet<>();
        Set<String> stateLines = new LinkedHashSet<>();
        Poll.until(Duration.ofMinutes(2), () -> {
            // One script: the run panel and the buttons as one render left them, not across a refresh.
            List<?> panel = (List<?>) script("const run = document.getElementById('run');"
                    + " const on = (id) => !document.getElementById(id).disabled;"
                    + " return [document.getElementById('run-id').textContent, !run.hidden && run.checkVisibility(),"
                    + " on('start-sync') || on('start-dry-run')];");
            if (runId.equals(panel.get(0)) && Boolean.TRUE.equals(panel.get(1))) {
                buttonsEnabledWhileRunning.add((Boolean) panel.get(2));
                stateLines.add(text("#state-line"));
                String written = text("#phase-APPLYING .phase-count");
                if (writtenWhileRunning.add(written) && writtenWhileRunning.size() == 4) {
                    screenshot("target/status-page-running.png");
                }
            }
            return text("#last-id");
        }, runId::equals, "the page to show run " + runId + " as the last finished run");

        List<String> partial = writtenWhileRunning.stream()
                .filter(count -> !count.startsWith("0 ") && !count.startsWith(USERS + " of ")).toList();
        assertThat(partial).as("users written as the page showed them while the run went on: " + writtenWhileRunning)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(buttonsEnabledWhileRunning).as("the start buttons while the run went on").containsExactly(false);
        assertThat(stateLines).as("the state line while the run went on")
                .anySatisfy(line -> assertThat(line).startsWith("Running a sync").contains("users/s", "ETA"));

        JsonPath run = authorized().get("/sync/runs/" + runId).then().statusCode(200).extract().jsonPath();
        assertThat(run.getLong("counters.failed")).isEqualTo(1);
        assertThat(text("#last-phase")).isEqualTo("DONE");
        assertThat(count("last-counts", "source scanned")).isEqualTo(USERS + 2);
        assertThat(count("last-counts", "created")).isEqualTo(run.getLong("counters.created"));
        assertThat(count("last-counts", "failed")).isEqualTo(1);
        assertThat(visible("last-counts", "table.counts tr[data-count='failed']")).isTrue();
        assertThat(visible("last-counts", "details.zeros tr[data-count='deleted']"))
                .as("a counter at 0 is folded away").isFalse();
        assertThat(text("#last-counts details.zeros summary")).contains("deleted");
        assertThat(text("#runs tr[data-run-id='" + runId + "'] td:nth-child(3)")).isEqualTo("DONE");
        assertThat(text("#quotas tbody")).contains("user-creation");
        Poll.until(PAGE_DEADLINE, () -> text("#state-line"), line -> line.startsWith("Idle since"),
                "the state line to say idle again");
        assertThat(enabled("start-sync")).isTrue();

        // Charts of the run: users per second, the ETA, and one per quota category it used, against its limit.
        assertThat(visible("charts")).isTrue();
        assertThat(text("#charts-run")).contains(runId);
        assertThat(exists("#chart-users canvas")).isTrue();
        assertThat(exists("#chart-eta canvas")).isTrue();
        assertThat(exists("#chart-quotas figure[data-quota$='/user-creation'] canvas")).isTrue();
        assertThat(text("#chart-quotas figure[data-quota$='/user-creation']")).contains("calls", "throttled", "limit");

        // The plan and the failures of the run, filtered.
        assertThat(script("return document.getElementById('details-run').value")).isEqualTo(runId);
        // 60 creates (one of them fails) and a skip, 50 to a page.
        awaitRows("#plan-table tbody tr", rows -> rows == 50);
        assertThat(text("#plan-position")).startsWith("1–50 of 6");
        select("plan-action", "SKIP");
        awaitRows("#plan-table tbody tr", rows -> rows == 1);
        assertThat(text("#plan-table tbody tr td:nth-child(3)")).isEqualTo("no-email");
        assertThat(text("#plan-table tbody tr td:nth-child(4)")).contains("no email");
        select("plan-action", "");
        type("plan-username", "BROKEN");
        awaitRows("#plan-table tbody tr", rows -> rows == 1);
        assertThat(text("#plan-table tbody tr td:nth-child(1)")).isEqualTo("CREATE");
        awaitRows("#failures-table tbody tr", rows -> rows == 1);
        assertThat(text("#failures-table tbody tr")).contains("Broken", "CREATE", "InvalidParameterException");
        type("failures-username", "user-");
        awaitRows("#failures-table tbody tr", rows -> rows == 0);
        assertThat(visible("failures-empty")).isTrue();
        type("failures-username", "");
        type("plan-username", "");

        // Conflicts: shown when the run counts them (the planner's ownership rules count them as such).
        if (run.getMap("counters").containsKey("conflicts")) {
            assertThat(run.getLong("counters.conflicts")).isEqualTo(1);
            awaitVisible("conflicts");
            assertThat(text("#conflicts-count")).startsWith("1 conflict");
            click("conflicts-show");
            awaitRows("#plan-table tbody tr[data-action='CONFLICT']", rows -> rows == 1);
            assertThat(text("#plan-table tbody tr[data-action='CONFLICT']")).contains("user-3", "not poolsync's");
            select("plan-action", "");
        } else {
            assertThat(visible("conflicts")).isFalse();
        }
        // The page asks for the report again a few seconds after a 503 (still being built): wait for it to catch up.
        Poll.until(PAGE_DEADLINE, () -> visible("preflight") == (authorized().get("/preflight").statusCode() == 200),
                shown -> shown, "the pre-flight section to be shown exactly when the report is there");

        screenshot("target/status-page.png");
        browser.manage().window().setSize(new Dimension(375, 812));
        Poll.until(PAGE_DEADLINE, () -> script("return document.documentElement.scrollWidth"),
                width -> ((Number) width).intValue() <= 375, "the page to fit a phone's width without scrolling sideways");
        screenshot("target/status-page-phone.png");
        script("document.getElementById('charts').scrollIntoView()");
        screenshot("target/status-page-phone-charts.png");
        script("document.getElementById('details').scrollIntoView()");
        screenshot("target/status-page-phone-plan.png");
        script("window.scrollTo(0, 0)");
        browser.manage().window().setSize(new Dimension(1280, 2400));

        // The dry-run button: the API reports a dry run, which the page then lists.
        click("start-dry-run");
        awaitVisible("confirm");
        assertThat(text("#confirm-text")).contains("write nothing");
        click("confirm-start");
        String dryRunId = Poll.until(PAGE_DEADLINE,
                () -> authorized().get("/sync/runs").then().statusCode(200).extract().jsonPath(),
                runs -> runs.getList("$").size() == 2, "the API to report the dry run the button started").getString("[0].id");
        assertThat(authorized().get("/sync/runs/" + dryRunId).then().extract().jsonPath().getBoolean("dryRun")).isTrue();
        Poll.until(PAGE_DEADLINE, () -> text("#start-result"), result -> result.contains(dryRunId),
                "the page to say it started the dry run");
        SyncApi.awaitFinished(dryRunId);
        Poll.until(PAGE_DEADLINE, () -> text("#runs tr[data-run-id='" + dryRunId + "'] td:nth-child(2)"),
                "API (dry)"::equals, "the page to list the dry run");

        rendersAPreflightReportAndConflictsAsText();
        rendersEventModeOnlyWhenOn();

        assertThat(browserErrors()).as("errors in the browser's console").isEmpty();

        // The token is kept for the tab: a reload goes straight to the dashboard.
        browser.navigate().refresh();
        awaitVisible("dashboard");
        assertThat(visible("token-form")).isFalse();
    }

    /**
     * Pre-flight reports and conflict counters come from endpoints and counters this poolsync may not have yet: the
     * page's own renderers are given them here, with markup in the values, which must show as text.
     */
    private void rendersAPreflightReportAndConflictsAsText() {
        script("renderPreflight({generatedAt: '2026-01-01T00:00:00Z', ready: false,"
                + " source: {poolId: 'eu-west-1_src'}, target: {poolId: 'eu-west-1_dst'},"
                + " findings: [{id: 'info', severity: 'INFO', title: 'Fine', detail: 'd', affectedUsers: 0, fix: ''},"
                + "  {id: 'b', severity: 'BLOCKER', title: '<img src=x id=injected>', detail: 'no attribute',"
                + "   affectedUsers: 12, fix: 'add custom:source_sub'}],"
                + " estimate: [{category: 'user-creation', calls: 1000, seconds: 25}]})");
        assertThat(visible("preflight")).isTrue();
        assertThat(text("#preflight-ready")).isEqualTo("not ready");
        assertThat(text("#preflight-meta")).contains("eu-west-1_src → eu-west-1_dst");
        assertThat(text("#preflight-findings li:first-child")).as("blockers first")
                .contains("BLOCKER", "<img src=x id=injected>", "12 users", "Fix: add custom:source_sub");
        assertThat(exists("#injected")).as("markup in a value stays text").isFalse();
        assertThat(text("#preflight-estimate")).contains("user-creation", "1000");

        Object conflicts = script("renderConflicts({current: null, lastFinished: {id: 'r', counters: {conflicts: 2},"
                + " plan: {users: {}}}}); const c = document.getElementById('conflicts');"
                + " return [c.hidden, document.getElementById('conflicts-count').textContent];");
        assertThat(conflicts).isEqualTo(List.of(false, "2 conflicts:"));
    }

    /**
     * Event mode is off here, so its section is hidden; given a /progress with events (the page's own renderer, read in
     * the same script, before the next refresh hides it again), it shows the lags, the depth and the counts.
     */
    private void rendersEventModeOnlyWhenOn() {
        assertThat(visible("events")).as("event mode is off").isFalse();
        Object shown = script("renderEvents({receiving: true, queueDepth: 7, lagSeconds: {p50: 1.24, p99: 3.5},"
                + " queueLagSeconds: {p50: 0.81, p99: 2.0}, received: 40, applied: 30, unchanged: 4, skipped: 0,"
                + " deferred: 1, failed: 2, otherPool: 3, coalesced: 5, ignored: {'the call failed': 1},"
                + " malformed: {'not JSON': 2, 'no detail.eventName': 1}, driftUsers: 0,"
                + " lastReceivedAt: new Date().toISOString(), removed: 1, kept: 0});"
                + " const e = document.getElementById('events');"
                + " const count = (label) => e.querySelector(`tr[data-count='${label}'] td`)?.textContent;"
                + " return [e.hidden, document.getElementById('events-queue-lag').textContent,"
                + "  document.getElementById('events-lag').textContent, document.getElementById('events-depth').textContent,"
                + "  document.getElementById('events-last').textContent, count('received'), count('applied'),"
                + "  count('failed'), count('malformed'), count('removed')];");
        List<Object> values = List.copyOf((List<?>) shown);
        assertThat(values.subList(0, 4)).containsExactly(false, "0.8 s / 2.0 s", "1.2 s / 3.5 s", "7");
        assertThat(values.get(4).toString()).contains("ago");
        assertThat(values.subList(5, 10)).as("received, applied, failed, malformed, removed")
                .containsExactly("40", "30", "2", "3", "1");
    }

    /**
     * The console's errors since last asked, less GET /preflight's 404 (the report is off: the page hides that section)
     * and 503 (the report is still being built: the page asks again). A CSP violation (inline style or script, eval)
     * is such an error.
     */
    private List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !(message.contains("/preflight") && (message.contains("404") || message.contains("503"))))
                .toList();
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

    private void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    /** Chooses an option as a person would: the page hears the change event. */
    private void select(String id, String value) {
        Poll.until(PAGE_DEADLINE, () -> script("return [...document.getElementById(arguments[0]).options]"
                + ".some(o => o.value === arguments[1]);", id, value), Boolean.TRUE::equals, "#" + id + " to offer " + value);
        script("const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));", id, value);
    }

    private void type(String id, String value) {
        var input = browser.findElement(By.id(id));
        input.clear();
        if (value.isEmpty()) {
            // clear() fires no input event: the page listens to those.
            script("document.getElementById(arguments[0]).dispatchEvent(new Event('input'))", id);
        } else {
            input.sendKeys(value);
        }
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Reads in one script, so a re-render between finding and reading an element can't interfere. */
    private String text(String selector) {
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;",
                selector);
        return text == null ? "" : text.toString();
    }

    private boolean exists(String selector) {
        return Boolean.TRUE.equals(script("return document.querySelector(arguments[0]) !== null;", selector));
    }

    private boolean visible(String id) {
        return Boolean.TRUE.equals(script(
                "const e = document.getElementById(arguments[0]); return !!e && !e.hidden && e.checkVisibility();",
                id));
    }

    /** Whether an element inside the one with this id is rendered (not hidden, not in a closed details). */
    private boolean visible(String id, String selector) {
        return Boolean.TRUE.equals(script("const e = document.querySelector('#' + arguments[0] + ' ' + arguments[1]);"
                + " return !!e && e.checkVisibility();", id, selector));
    }

    private boolean enabled(String id) {
        return Boolean.TRUE.equals(script("const e = document.getElementById(arguments[0]); return !!e && !e.disabled;", id));
    }

    private long count(String container, String label) {
        return Long.parseLong(text("#" + container + " tr[data-count='" + label + "'] td"));
    }

    private void awaitRows(String selector, IntPredicate rows) {
        Poll.until(PAGE_DEADLINE, () -> ((Number) script("return document.querySelectorAll(arguments[0]).length;",
                selector)).intValue(), rows::test, selector + " rows as expected");
    }

    private void awaitVisible(String id) {
        Poll.until(PAGE_DEADLINE, () -> visible(id), Boolean::booleanValue, "#" + id + " to show");
    }

    static {
        // Selenium reports what it does at INFO through java.util.logging; the test log needn't carry it.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.WARNING);
    }
}
