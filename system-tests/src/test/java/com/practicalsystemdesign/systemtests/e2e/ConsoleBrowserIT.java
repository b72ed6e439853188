package com.practicalsystemdesign.systemtests.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;
import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console (nginx/console, docs/console.md) in a real browser, Debian's headless
 * Chromium, against a real local run: a read's cache miss then hit with their timings,
 * Redis stopped and started again as the live view shows it, and no error in the
 * browser's console. It takes the README's screenshot: into docs/images/console.png with
 * {@code -Dconsole.screenshot=update}, otherwise into target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresTool({ Tool.NGINX, Tool.CHROMIUM })
class ConsoleBrowserIT {

    private static final Path DIR = Path.of("target", "console-browser-it").toAbsolutePath();

    /** The page polls every 2 seconds; a generous bound for a busy machine. */
    private static final Duration LIVE_VIEW = Duration.ofSeconds(20);

    /** Redis back: user-service's client reconnects with a backoff of its own. */
    private static final Duration RECONNECT = Duration.ofSeconds(90);

    private static LocalRun stack;

    private static ChromeDriverService driverService;

    private static ChromeDriver browser;

    @BeforeAll
    static void openTheConsoleOfALocalRun() throws IOException {
        stack = new LocalRun(DIR.resolve("run"), Map.of());
        assertThat(stack.up()).as("scripts/local-up.sh exit code; see target/console-browser-it/run-local-up.sh.out")
            .isZero();
        browser = headlessChromium();
        browser.get(stack.gatewayUrl() + "/");
        await().atMost(LIVE_VIEW).until(() -> health("user-service").equals("healthy"));
    }

    @AfterAll
    static void closeTheBrowserAndStopTheLocalRun() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (stack != null && !stack.recordedPids().isEmpty()) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void aReadIsACacheMissThenAHitWithTheirTimings() throws IOException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        type("create-user", "name", "Ada Lovelace");
        type("create-user", "email", "ada-" + unique + "@example.com");
        send("create-user");
        await().atMost(LIVE_VIEW).until(() -> text("#answer-status").startsWith("201"));
        assertThat(text("#request-text")).startsWith("POST /api/users HTTP/1.1").contains("ada-" + unique);

        assertThat(read()).isEqualTo("miss");
        assertThat(text("#timing-redis")).matches("MISS \\d+(\\.\\d+)? ms");
        assertThat(text("#timing-postgres")).matches("\\d+(\\.\\d+)? ms");
        assertThat(text("#timing-user-service")).matches("app \\d+(\\.\\d+)? ms");

        // The next read is a hit once the miss's fill reached Redis (on a busy machine a
        // fill may
        // time out, and the read after it is a miss again).
        await().atMost(LIVE_VIEW).until(() -> read().equals("hit"));
        assertThat(text("#timing-redis")).matches("HIT \\d+(\\.\\d+)? ms");
        assertThat(text("#timing-postgres")).as("a hit never reaches PostgreSQL").isEmpty();
        assertThat(text("#path-summary")).contains("cache hit").containsPattern("grep [0-9a-f]{32} ");
        assertThat(text("#answer-text")).contains("server-timing: cache;desc=\"hit\"").contains("x-request-id: ");

        await().atMost(LIVE_VIEW).until(() -> text("[data-stats=cache]").startsWith("hit ratio "));
        screenshot();
    }

    @Test
    @Order(2)
    void stoppingRedisShowsUserServiceDegradedThenHealthyWhenItIsBack() {
        assertThat(stack.down("redis")).as("local-down.sh --only redis").isZero();
        await().atMost(LIVE_VIEW).until(() -> health("user-service").equals("degraded"));
        assertThat(health("redis")).isEqualTo("unhealthy");
        assertThat(health("postgres")).isEqualTo("healthy");
        assertThat(health("chat-service")).isEqualTo("healthy");

        assertThat(stack.up()).as("local-up.sh starts Redis again").isZero();
        await().atMost(RECONNECT).until(() -> health("user-service").equals("healthy"));
        assertThat(health("redis")).isEqualTo("healthy");
    }

    @Test
    @Order(3)
    void theBrowserLoggedNoError() {
        List<String> errors = browser.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::toString)
            .toList();

        assertThat(errors).as("the browser's console log").isEmpty();
    }

    /**
     * Debian's chromium and chromedriver, named explicitly, so that Selenium Manager
     * never looks for (or downloads) a browser or driver of its own.
     */
    private static ChromeDriver headlessChromium() throws IOException {
        List<String> chromium = Tool.CHROMIUM.command();
        Files.createDirectories(DIR);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromium.get(1)))
            .usingAnyFreePort()
            .withLogFile(DIR.resolve("chromedriver.log").toFile())
            .build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get(0))
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createTempDirectory(DIR, "profile"), "--window-size=1280,1180");
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        return new ChromeDriver(driverService, options);
    }

    private static void screenshot() throws IOException {
        Path target = "update".equals(System.getProperty("console.screenshot"))
                ? RepositoryRoot.resolve("docs/images/console.png") : DIR.resolve("console.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void type(String form, String field, String value) {
        WebElement input = browser
            .findElement(By.cssSelector("form[data-name=" + form + "] input[name=" + field + "]"));
        input.clear();
        input.sendKeys(value);
    }

    private static void send(String form) {
        browser.findElement(By.cssSelector("form[data-name=" + form + "] button")).click();
    }

    /**
     * Sends the read form and returns the cache outcome the page shows for its answer.
     */
    private static String read() {
        String before = text("#path-summary");
        send("read-user");
        await().atMost(LIVE_VIEW).until(() -> !text("#path-summary").equals(before));
        return pathSummary().getDomAttribute("data-cache");
    }

    private static String health(String component) {
        return text("[data-health=" + component + "]");
    }

    private static WebElement pathSummary() {
        return browser.findElement(By.id("path-summary"));
    }

    private static String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText().strip();
    }

}
