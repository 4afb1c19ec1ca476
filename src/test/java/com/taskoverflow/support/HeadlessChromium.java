package com.taskoverflow.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import java.time.Duration;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by its chromedriver (.ci/run installs both), with a profile
 * of its own and nothing that calls out to the internet.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  public final ChromeDriver browser;
  /** Waits up to 20 s, ignoring elements redrawn meanwhile. */
  public final WebDriverWait wait;

  private HeadlessChromium(ChromeDriver browser) {
    this.browser = browser;
    this.wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  public static HeadlessChromium open() throws Exception {
    assertTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
            + " (.ci/run installs them)");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--window-size=900,1500",
        // no name beyond loopback resolves: a page that links the internet (a font) reaches nothing
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        "--user-data-dir=" + Files.createTempDirectory("taskoverflow-chromium"));
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    return new HeadlessChromium(new ChromeDriver(driver, options));
  }

  /** Saves what the browser shows as target/screenshots/{name}.png. */
  public void screenshot(String name) throws IOException {
    Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    browser.quit();
  }
}
