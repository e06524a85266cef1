package cn.compoundgis.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through the system's chromedriver: nothing is downloaded (the
 * binaries are given, so Selenium Manager is never asked; SE_OFFLINE forbids it to fetch anyway).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension WINDOW = new Dimension(1400, 900);
    /** The phone the issues test with (issue 14). */
    static final Dimension PHONE = new Dimension(390, 844);
    /** web/js/settings.js LAYOUT.PHONE_MAX_WIDTH_PX. */
    private static final int PHONE_LAYOUT_MAX_WIDTH = 700;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path ARTIFACTS = Path.of("target", "test-artifacts");

    /**
     * Script for {@link #js}: a point of one of the SVG paths matching {@code arguments[0]} that a click would really
     * hit (not covered by a symbol or another path), in viewport pixels, or null.
     */
    static final String CLICKABLE_POINT_ON_A_PATH = """
            for (const path of document.querySelectorAll(arguments[0])) {
              const length = path.getTotalLength();
              const matrix = path.getScreenCTM();
              for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                const p = path.getPointAtLength(length * fraction).matrixTransform(matrix);
                const x = Math.round(p.x), y = Math.round(p.y);
                if (document.elementFromPoint(x, y) === path) return { x, y };
              }
            }
            return null;""";

    private final Path profile;
    private final ChromeDriverService service;
    final ChromeDriver driver;

    private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    static Browser start() throws IOException {
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory("compound-gis-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + WINDOW.width + "," + WINDOW.height);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        return new Browser(profile, service, driver);
    }

    /** Loads url afresh (also when only its #fragment differs from the page shown) and waits for the map. */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
        waitUntil("the map has started", "return document.documentElement.dataset.ready === 'true'");
    }

    /**
     * Signs in through the server's sign-in API from a page of {@code baseUrl}, as the map's sign-in form does; the
     * session cookie then goes with every later page. Fails the test unless the server accepts the password.
     */
    void signIn(String baseUrl, String username, String password) {
        driver.get(baseUrl + "/api/session");
        Object status = js("return fetch('/api/session', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({username: arguments[0], password: arguments[1]})}).then(r => r.status)",
                username, password);
        if (!Long.valueOf(200).equals(status)) {
            throw new AssertionError("signing in " + username + " answered " + status);
        }
        consoleErrors(); // the JSON page's missing favicon is no error of the page under test
    }

    /** Signs in as the administrator of the test servers. */
    void signInAsAdministrator(String baseUrl) {
        signIn(baseUrl, "admin", cn.compoundgis.testing.TestServer.ADMIN_PASSWORD);
    }

    /** Waits until the page's JavaScript condition (a function body returning a boolean) holds. */
    void waitUntil(String what, String script, Object... args) {
        new WebDriverWait(driver, WAIT).withMessage(what)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script, args)));
    }

    /** Waits until no request is in flight (the progress indicator is gone). */
    void waitUntilLoaded() {
        waitUntil("all requests answered", "return document.documentElement.dataset.pending === '0'");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    long count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Clicks the element css names, finding it again when the page re-rendered it between the find and
     * the click (the layer panel redraws itself whenever a layer's count changes).
     */
    void click(String css) {
        new WebDriverWait(driver, WAIT).withMessage("click " + css)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Console messages of level SEVERE (errors, failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    Map<String, Object> capabilities() {
        return driver.getCapabilities().asMap();
    }

    /**
     * Screenshots as name-desktop.png and name-phone.png (390 × 844), each scrolled to what is shown, leaving the
     * window at the size it had: the acceptance of issue 14 keeps both sizes of each screen.
     */
    void screenshotsAtBothSizes(String name, String shown) throws IOException {
        boolean phone = driver.manage().window().getSize().equals(PHONE);
        atDesktopSize();
        js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", shown);
        screenshot(name + "-desktop.png");
        atPhoneSize();
        js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", shown);
        screenshot(name + "-phone.png");
        if (!phone) {
            atDesktopSize();
        }
    }

    void atPhoneSize() {
        driver.manage().window().setSize(PHONE);
        waitUntil("the phone layout", "return window.innerWidth <= arguments[0]", PHONE.width);
    }

    void atDesktopSize() {
        driver.manage().window().setSize(WINDOW);
        waitUntil("the desktop layout", "return window.innerWidth > arguments[0]", PHONE_LAYOUT_MAX_WIDTH);
    }

    /** What covers the centre of the element css names (tag#id.classes), or null when the element itself is there. */
    private static final String WHAT_COVERS = """
            const shown = document.querySelector(arguments[0]);
            if (!shown) return 'nothing: there is no such element';
            const box = shown.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) return 'nothing: it is not shown';
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            if (hit && (hit === shown || shown.contains(hit))) return null;
            if (!hit) return 'the edge of the window';
            return hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '')
                + (typeof hit.className === 'string' && hit.className.trim() ? '.' + hit.className.trim().split(/\\s+/).join('.') : '');
            """;

    /**
     * Waits until each element is uppermost at its centre, so a tap there reaches it: WebDriver's isDisplayed()
     * is true for a button under another element. Fails naming what covers it.
     */
    void assertUncovered(String... selectors) {
        for (String css : selectors) {
            try {
                waitUntil(css + " uncovered", "return (" + asFunction(WHAT_COVERS) + ")(arguments[0]) === null", css);
            } catch (org.openqa.selenium.TimeoutException e) {
                String covering = String.valueOf(js(WHAT_COVERS, css));
                try {
                    screenshot("covered-" + css.replaceAll("[^A-Za-z0-9-]+", "_") + ".png");
                } catch (IOException shotFailed) {
                    e.addSuppressed(shotFailed);
                }
                throw new AssertionError(css + " is covered by " + covering + " (screenshot covered-….png)", e);
            }
        }
    }

    private static String asFunction(String body) {
        return "function () {" + body + "}";
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(ARTIFACTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = ARTIFACTS.resolve(name);
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
