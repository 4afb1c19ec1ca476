package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** The page's files are served at the site root, and leave the API's answers as they were. */
class WebPageTest extends ServiceTest {

  @Test
  void thePageAndItsFilesAreServed() {
    Reply page = api.get("/");
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    assertTrue(page.body().contains("<title>TaskOverflow</title>"));
    assertNotNull(page.header("Content-Security-Policy"));
    Reply script = api.get("/app.js");
    assertEquals(200, script.status());
    assertTrue(script.body().contains("EventSource"), "the page follows jobs through their event stream");
    assertEquals(200, api.get("/app.css").status());
  }

  @Test
  void whatIsNotThereIsAJson404() {
    Reply missing = api.get("/nothing-here.js");
    assertEquals(404, missing.status());
    assertEquals("Not found", missing.error());
    assertEquals(404, api.get("/api/v1/nothing-here").status());
    assertEquals("Not found", api.get("/api/v1/nothing-here").error());
  }
}
