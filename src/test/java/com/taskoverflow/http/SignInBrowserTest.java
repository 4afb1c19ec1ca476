package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.HeadlessChromium;
import com.taskoverflow.support.TestIssuer;
import io.vertx.core.json.JsonObject;
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
 * The page under {@code auth.mode: oidc}, in headless Chromium against a real OpenID Connect
 * server with a login form: signing in with the authorization-code flow and PKCE, the user's own
 * list, an export followed on the fetch-read event stream and downloaded with the token, the
 * calendar feed link, the token kept out of storage, and signing out.
 */
class SignInBrowserTest extends OwnServiceTest {

  /** What this issuer puts in its access tokens' aud. */
  private static final String ISSUER_AUDIENCE = "default";

  private TestIssuer issuer;
  private HeadlessChromium chromium;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    issuer = TestIssuer.startWithLoginForm();
    api = startWith(new JsonObject().put("auth", issuer.authSettings().put("audience", ISSUER_AUDIENCE)));
    TestIssuer.awaitDiscovery(api, issuer.token("someone", claims -> claims.audience(ISSUER_AUDIENCE)));
    chromium = HeadlessChromium.open();
    browser = chromium.browser;
    wait = chromium.wait;
  }

  @AfterEach
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    issuer.close();
  }

  private void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  private Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }

  private void signIn(String user) {
    signIn(user, null);
  }

  /** Through the issuer's form, with these claims (JSON) in the token if given. */
  private void signIn(String user, String claims) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
    WebElement name = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    name.sendKeys(user);
    if (claims != null) {
      WebElement claimsField = browser.findElement(By.name("claims"));
      claimsField.clear();
      claimsField.sendKeys(claims);
    }
    name.submit();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), "Signed in as " + user));
  }

  @Test
  void theDashboardSignsInAndOpensForAnAdminOnly() throws Exception {
    String dashboard = "http://127.0.0.1:" + service.port + "/jobs";
    browser.get(dashboard);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    signIn("carol");
    assertEquals(dashboard, browser.getCurrentUrl(), "back at the dashboard, the code off the address bar");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "admin role"));
    assertFalse(browser.findElement(By.id("app")).isDisplayed(), "no figures for a user without the admin role");

    browser.get(dashboard); // a reload forgets the token: sign in again, as an admin
    signIn("olga", "{\"roles\": [\"" + TestIssuer.ADMIN_ROLE + "\"]}");
    // the figures stream is read with the token: live, with this JVM listed
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "live"));
    wait.until(driver -> !driver.findElements(By.cssSelector("#nodes tbody tr")).isEmpty());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-status"), "Updated")); // the admin calls answer
  }

  @Test
  void aPersonSignsInKeepsTheirOwnTodosExportsSubscribesAndSignsOut() throws Exception {
    ApiClient bob = api.with(TestIssuer.bearer(issuer.token("bob", claims -> claims.audience(ISSUER_AUDIENCE))));
    assertEquals(201, bob.post("/api/v1/todos", "{\"title\": \"Bob's own\"}").status());

    String page = "http://127.0.0.1:" + service.port + "/";
    browser.get(page);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    assertFalse(browser.findElement(By.id("app")).isDisplayed(), "nothing but sign-in before signing in");
    screenshot("4-sign-in");

    signIn("alice");
    assertEquals(page, browser.getCurrentUrl(), "the code is off the address bar");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list-status"), "No todos here yet."));
    assertEquals(0L, script("return sessionStorage.length + localStorage.length"), "the token is in memory only");
    assertEquals("", script("return document.cookie"));

    browser.findElement(By.id("new-title")).sendKeys("Alice's deadline");
    script("arguments[0].value = '2031-03-04T05:06'", browser.findElement(By.id("new-deadline")));
    browser.findElement(By.cssSelector("#new-todo button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list-status"), "1 todo."));
    assertFalse(browser.findElement(By.id("todos")).getText().contains("Bob's own"), "alice sees her todos only");

    // the export's states arrive on the stream read with fetch (it carries the token)
    browser.findElement(By.id("export")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"), "SUCCESS"));
    WebElement download = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("download")));
    assertTrue(download.getAttribute("href").startsWith("blob:"), "fetched with the token, offered from memory");
    String calendar = (String) ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
        download.getAttribute("href"));
    assertTrue(calendar.contains("SUMMARY:Alice's deadline") && !calendar.contains("Bob's own"), calendar);
    screenshot("5-signed-in-exported");

    // the feed: a link to subscribe to, readable without signing in
    browser.findElement(By.id("feed-new")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("feed-links")));
    String feedUrl = browser.findElement(By.id("feed-url")).getAttribute("value");
    assertEquals("webcal://" + feedUrl.substring("http://".length()),
        browser.findElement(By.id("feed-webcal")).getAttribute("href"));
    Reply feed = new ApiClient(page).get(feedUrl);
    assertEquals(200, feed.status());
    assertTrue(feed.body().contains("SUMMARY:Alice's deadline"), feed.body());
    screenshot("6-feed");

    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("app")));
  }
}
