package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gdsweep.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import picocli.CommandLine;

/**
 * report.html as a reader's browser runs it: a small real sweep (Himmelblau, paths recorded) written in
 * this JVM, then opened from the file system in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; skipped when they are missing). No errors on the console, the recommendation
 * shown, a hovered run's tooltip, a clicked start's path; a screenshot in
 * {@code target/report-browser-it.png}.
 */
class ReportBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String SPEC = """
            name: browser-check
            loss:
              function: himmelblau
            learning_rate:
              log: {from: 1.0e-3, to: 0.03, count: 6}
            initial_weights:
              grid: {min: [-5, -5], max: [5, 5], count: [9, 9]}
            stopping:
              max_iterations: 2000
              gradient_tolerance: 1.0e-6
            record: {trajectories: 24}
            output: {path: %s}
            """;

    static Path report;
    static ChromeDriver driver;
    static Path profile;

    @BeforeAll
    static void sweepAndOpen() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMIUM + " and " + CHROMEDRIVER + ": install Debian's chromium and chromium-driver");
        Path target = Path.of("target").toAbsolutePath();
        Path out = target.resolve("report-browser-it");
        Path spec = Files.createTempFile("browser-check", ".yaml");
        Files.writeString(spec, SPEC.formatted(out));
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", spec.toString(), "--master", "local[2]", "--quiet", "--overwrite");
        assertThat(code).as(err.toString()).isZero();
        report = out.resolve(HtmlReport.HTML_FILE);
        assertThat(report).exists();

        profile = Files.createTempDirectory("report-browser-it-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.get(report.toUri().toString());
    }

    @AfterAll
    static void close() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void thePageRunsWithoutErrorsAndAnswersTheQuestion() throws IOException {
        WebElement pick = driver.findElement(By.cssSelector("#recommendation p.pick"));
        assertThat(pick.getText()).startsWith("Recommended: lr ");
        assertThat(driver.findElement(By.id("explore-count")).getText()).isEqualTo("Showing all 486 runs.");
        assertThat(driver.findElements(By.cssSelector("#explore-loss circle.run"))).hasSize(486);

        // Hover a run: the tooltip names its rate and status.
        WebElement dot = driver.findElements(By.cssSelector("#explore-loss circle.run")).get(100);
        new Actions(driver).moveToElement(dot).perform();
        WebElement tip = driver.findElement(By.id("explore-tooltip"));
        assertThat(tip.isDisplayed()).isTrue();
        assertThat(tip.getText()).containsPattern(
                "run \\d+: lr [0-9.e-]+, (CONVERGED|PLATEAU|DIVERGED|MAX_ITERATIONS)").contains("iterations, final loss");

        // Click a start with a recorded path: its path is drawn.
        List<WebElement> recorded = driver.findElements(By.cssSelector("#explore-basin circle.start.rec"));
        assertThat(recorded).isNotEmpty();
        WebElement start = recorded.get(0);
        new Actions(driver).scrollToElement(start).moveToElement(start).click().perform();
        assertThat(driver.findElements(By.cssSelector("#explore-basin path.trajectory"))).hasSize(1);
        assertThat(driver.findElement(By.id("explore-path-info")).getText()).contains("recorded points");

        // Zoom by dragging a box on the loss chart (its axes change), then double-click to go back.
        WebElement chart = driver.findElement(By.id("explore-loss"));
        List<String> ticks = ticks();
        new Actions(driver).scrollToElement(chart).moveToElement(chart, -200, -100).clickAndHold()
                .moveByOffset(150, 120).release().perform();
        assertThat(ticks()).isNotEqualTo(ticks);
        new Actions(driver).moveToElement(driver.findElement(By.id("explore-loss")), 0, 0).doubleClick().perform();
        assertThat(ticks()).isEqualTo(ticks);

        driver.executeScript("window.scrollTo(0, 0)");
        Path shot = Path.of("target", "report-browser-it.png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);

        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
        assertThat(severe).as("errors on the browser's console").isEmpty();
    }

    private static List<String> ticks() {
        return driver.findElements(By.cssSelector("#explore-loss text.tick")).stream().map(WebElement::getText).toList();
    }
}
