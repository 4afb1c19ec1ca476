package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.HeadlessChromium;
import com.taskoverflow.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page as a person uses it, in headless Chromium: a todo created through the form is
 * listed, completed, exported to a calendar whose SUCCESS arrives without a reload, and found in
 * the calendar behind the download link. Screenshots go to target/screenshots.
 */
class WebPageBrowserTest extends ServiceTest {


  private HeadlessChromium chromium;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void openBrowser() throws Exception {
    chromium = HeadlessChromium.open();
    browser = chromium.browser;
    wait = chromium.wait;
  }

  @AfterEach
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  private WebElement todoTitled(String title) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//li[contains(@class,'todo')][.//span[@class='title' and text()='" + title + "']]")));
  }

  @Test
  void aPersonKeepsATodoAndExportsItsCalendar() throws Exception {
    browser.get("http://127.0.0.1:" + service.port + "/");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list-status"), "todo"));

    // A todo, through the form: the title typed, the deadline set in the date-time field.
    browser.findElement(By.id("new-title")).sendKeys("Hand in the browser test");
    browser.findElement(By.id("new-description")).sendKeys("Typed into the form");
    WebElement deadline = browser.findElement(By.id("new-deadline"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2031-03-04T05:06'", deadline);
    browser.findElement(By.cssSelector("#new-todo button[type=submit]")).click();
    WebElement todo = todoTitled("Hand in the browser test");
    assertTrue(todo.getText().contains("Due 2031-03-04 05:06:00 UTC"), todo.getText());
    screenshot("1-created");

    // Completed, by its checkbox.
    todoTitled("Hand in the browser test").findElement(By.cssSelector("input.done")).click();
    wait.until(driver -> todoTitled("Hand in the browser test").getAttribute("class").contains("completed"));

    // Exported: the job's states arrive on the page from its event stream, with no reload.
    ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
    browser.findElement(By.id("export")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"), "SUCCESS"));
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true"));
    WebElement download = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("download")));
    screenshot("2-exported");

    // The download link leads to the calendar, with the todo in it.
    Reply calendar = api.get(download.getAttribute("href"));
    assertEquals(200, calendar.status());
    assertTrue(calendar.header("Content-Type").startsWith("text/calendar"), calendar.header("Content-Type"));
    assertTrue(calendar.body().contains("SUMMARY:Hand in the browser test"), calendar.body());
    assertTrue(calendar.body().contains("DTSTART:20310304T050600Z"), calendar.body());
  }

  @Test
  void anErrorFromTheApiIsShownInWords() throws Exception {
    long id = api.post("/api/v1/todos", "{\"title\": \"Deleted elsewhere\"}").json().getLong("id");
    browser.get("http://127.0.0.1:" + service.port + "/");
    WebElement todo = todoTitled("Deleted elsewhere");
    assertEquals(200, api.delete("/api/v1/todos/" + id).status()); // by another client, behind the page's back
    todo.findElement(By.cssSelector("button.delete")).click();
    WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
    assertEquals("Todo not found", message.getText());
    screenshot("3-error");
  }
}
