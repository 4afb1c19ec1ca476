package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.HeadlessChromium;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operators' dashboard at /jobs, in headless Chromium, over a cluster of real JVMs (HTTP,
 * store and a worker each in their own): the charts draw and move while jobs run, a worker JVM
 * appears and then leaves (killed: it stops being heard), a dead letter is requeued with its
 * button and then succeeds, a long export running is cancelled with its button, and once the
 * store's JVM is gone too the page goes on showing what it still knows. Screenshots go to target/screenshots (the README shows them).
 */
class DashboardBrowserIT {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final int LONG_JOB_TODOS = 1_000_000;

  @Test
  void anOperatorWatchesTheClusterAndActsOnIt() throws Exception {
    try (Fleet fleet = new Fleet(Fleet.clustered("it-dashboard-", 40000, Map.of(
            "TASKOVERFLOW_JOBS_MAX_ATTEMPTS", "2",
            "TASKOVERFLOW_JOBS_RETRY_BASE_MS", "200",
            "TASKOVERFLOW_JOBS_RETRY_MAX_MS", "500")));
        HeadlessChromium chromium = HeadlessChromium.open()) {
      JarProcess store = fleet.start("store", Map.of(), "-cluster", "--roles", "store,worker");
      JarProcess api = fleet.start("api", Map.of(), "-cluster", "--roles", "http");
      store.awaitStarted();
      api.awaitStarted();
      ApiClient client = fleet.api();
      ChromeDriver browser = chromium.browser;
      WebDriverWait wait = chromium.wait;
      browser.manage().window().setSize(new Dimension(1400, 1000));
      browser.get("http://127.0.0.1:" + fleet.httpPort + "/jobs");
      wait.until(driver -> nodeRow(driver, api) != null && nodeRow(driver, store) != null && !left(nodeRow(driver, store)));

      // A worker JVM joins: the dashboard lists it with its role and its worker.
      JarProcess worker = fleet.start("worker", Map.of(), "-cluster", "--roles", "worker");
      worker.awaitStarted();
      // (rows are redrawn each second: each check reads the row afresh, in a wait that ignores a row redrawn meanwhile)
      wait.until(driver -> {
        WebElement joined = nodeRow(driver, worker);
        return joined != null && !left(joined) && joined.getText().contains(worker.pid() + "") && joined.getText().contains("worker");
      });

      // Jobs run: the finished-per-second chart draws them, and moves as the seconds pass.
      for (int i = 0; i < 30; i++) {
        Jobs.submit(client);
      }
      wait.until(driver -> Double.parseDouble(chart(driver, "chart-finished").getAttribute("data-highest")) > 0);
      String before = wait.until(DashboardBrowserIT::successLine);
      wait.until(driver -> !successLine(driver).equals(before));
      assertTrue(Double.parseDouble(chart(browser, "chart-runtime").getAttribute("data-highest")) > 0, "run time drawn");
      atTop(browser);
      chromium.screenshot("dashboard-1-jobs-running");

      // A job that cannot succeed is retried, then dead-lettered; mended, it is requeued with its button.
      UUID poison = UUID.randomUUID();
      TestServices.plantJob(fleet.database, fleet.redisPrefix, poison, TestServices.POISON_SNAPSHOT);
      wait.until(driver -> {
        WebElement letter = row(driver, "dead-letters", poison.toString());
        return letter != null && letter.getText().contains(TestServices.POISON_REASON);
      });
      chromium.screenshot("dashboard-2-dead-letter");
      TestServices.repairSnapshot(fleet.database, poison);
      click(wait, "dead-letters", poison.toString(), "Requeue");
      String poisonStatus = "/api/v1/todos/ical/" + poison + "/status";
      Jobs.awaitState(client, poisonStatus, "SUCCESS", LIMIT);
      assertEquals(1, client.get(poisonStatus).json().getInteger("requeues"), "requeued once, by the button");
      wait.until(driver -> row(driver, "dead-letters", poison.toString()) == null);
      wait.until(driver -> stateOf(driver, poison.toString()).equals("SUCCESS"));

      // A long export runs with its progress shown, and is cancelled with its button.
      TestServices.execute(fleet.database, "INSERT INTO todos (owner, title, completed, deadline_at, created_at,"
          + " updated_at) SELECT '', 'todo ' || n, false, timestamp '2031-01-01' + n * interval '1 minute',"
          + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, " + LONG_JOB_TODOS + ") AS n");
      String longJob = Jobs.submit(client).getString("task_id");
      wait.until(driver -> {
        WebElement found = row(driver, "jobs", longJob);
        return found != null && !found.findElements(By.tagName("progress")).isEmpty();
      });
      chromium.screenshot("dashboard-3-long-job-progress");
      click(wait, "jobs", longJob, "Cancel");
      JsonObject cancelled = Jobs.awaitFinal(client, "/api/v1/todos/ical/" + longJob + "/status", LIMIT);
      assertEquals("CANCELLED", cancelled.getString("task_status"), cancelled::encode);
      wait.until(driver -> stateOf(driver, longJob).equals("CANCELLED"));

      // The worker JVM dies: once it is no longer heard, it is listed as having left.
      worker.kill();
      wait.until(driver -> left(nodeRow(driver, worker)) && !left(nodeRow(driver, api)));
      atTop(browser);
      chromium.screenshot("dashboard-4-worker-left");

      // The store's JVM dies too: the dashboard goes on with what it still knows, and says what it does not.
      store.kill();
      wait.until(driver -> left(nodeRow(driver, store)) && driver.findElement(By.id("queue-note")).isDisplayed());
      wait.until(driver -> driver.findElement(By.id("dead-status")).getText().startsWith("Not updated"));
      String liveBefore = browser.findElement(By.id("live")).getText();
      wait.until(driver -> !driver.findElement(By.id("live")).getText().equals(liveBefore)); // still ticking
      assertTrue(row(browser, "jobs", longJob) != null, "the recent jobs are still listed");
      atTop(browser);
      chromium.screenshot("dashboard-5-store-down");
      System.out.println("dashboard: charts drew and moved, worker JVM " + worker.pid() + " appeared and left,"
          + " dead letter requeued by its button then SUCCESS, a " + LONG_JOB_TODOS + "-todo export cancelled by its button,"
          + " the store's JVM killed and the page still live");
    }
  }

  /** Clicks the button in the task's row; the lists are redrawn every 2 s, so a row found may be gone: found again. */
  private static void click(WebDriverWait wait, String table, String taskId, String button) {
    wait.until(driver -> {
      row(driver, table, taskId).findElement(By.xpath(".//button[text()='" + button + "']")).click();
      return true;
    });
  }

  private static void atTop(ChromeDriver browser) {
    browser.executeScript("window.scrollTo(0, 0)");
  }

  private static WebElement chart(WebDriver driver, String id) {
    return driver.findElement(By.id(id));
  }

  private static String successLine(WebDriver driver) {
    return chart(driver, "chart-finished").findElement(By.cssSelector("path[data-series=success]")).getAttribute("d");
  }

  /** The JVM's row in the list of JVMs (its node name holds its pid), or null. */
  private static WebElement nodeRow(WebDriver driver, JarProcess jvm) {
    return driver.findElements(By.cssSelector("#nodes tbody tr")).stream()
        .filter(row -> row.getAttribute("data-node").contains("-" + jvm.pid() + "-")).findFirst().orElse(null);
  }

  private static boolean left(WebElement row) {
    return row != null && row.getAttribute("class").contains("left");
  }

  private static WebElement row(WebDriver driver, String table, String taskId) {
    return driver.findElements(By.cssSelector("#" + table + " tbody tr[data-task='" + taskId + "']")).stream()
        .findFirst().orElse(null);
  }

  private static String stateOf(WebDriver driver, String taskId) {
    WebElement found = row(driver, "jobs", taskId);
    return found == null ? "" : found.findElement(By.cssSelector("td.state")).getText();
  }
}
