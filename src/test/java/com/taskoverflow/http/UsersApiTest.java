package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.TestIssuer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under {@code auth.mode: oidc} each user reaches their own todos, jobs and feed only: every route
 * answers another user's id exactly as an unknown one, idempotency keys are per user, an export
 * holds the caller's todos only, and the admin calls stay the admin's.
 */
class UsersApiTest extends OwnServiceTest {

  private TestIssuer issuer;
  private ApiClient alice;
  private ApiClient bob;
  private ApiClient anonymous;

  @BeforeEach
  void startIssuerAndService() throws Exception {
    issuer = TestIssuer.start();
    anonymous = startWith(new JsonObject().put("auth", issuer.authSettings()));
    alice = anonymous.with(TestIssuer.bearer(issuer.token("alice", claims -> { })));
    bob = anonymous.with(TestIssuer.bearer(issuer.token("bob", claims -> { })));
    TestIssuer.awaitDiscovery(anonymous, issuer.token("alice", claims -> { }));
  }

  @AfterEach
  void stopIssuer() {
    issuer.close();
  }

  private static JsonObject created(ApiClient user, String title) {
    Reply reply = user.post("/api/v1/todos", new JsonObject().put("title", title)
        .put("deadline_at", "2031-05-01T09:00:00").encode());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  /** The answer to another user's id, next to the answer to an id nobody has: the same. */
  private static void sameAsUnknown(Reply theirs, Reply unknown, String what) {
    assertEquals(404, theirs.status(), () -> what + ": " + theirs);
    assertEquals(unknown.status(), theirs.status(), what);
    assertEquals(unknown.body(), theirs.body(), what);
  }

  @Test
  void eachUserSeesAndChangesOnlyTheirOwnTodos() {
    JsonObject hers = created(alice, "alice's dentist");
    JsonObject his = created(bob, "bob's haircut");
    String herTodo = "/api/v1/todos/" + hers.getLong("id");
    String nobodys = "/api/v1/todos/" + (his.getLong("id") + 1000);

    assertEquals(List.of(his.getLong("id")), ids(bob.get("/api/v1/todos").jsonArray()));
    assertEquals(List.of(his.getLong("id")), ids(bob.get("/api/v1/todos?limit=10").jsonArray()));
    assertEquals(List.of(hers.getLong("id")), ids(alice.get("/api/v1/todos?window=100000").jsonArray()));

    sameAsUnknown(bob.get(herTodo), bob.get(nobodys), "get");
    sameAsUnknown(bob.put(herTodo, "{\"title\": \"mine now\"}"), bob.put(nobodys, "{\"title\": \"mine now\"}"), "update");
    sameAsUnknown(bob.delete(herTodo), bob.delete(nobodys), "delete");
    assertEquals(hers, alice.get(herTodo).json(), "untouched by bob's tries");
    assertEquals(200, alice.delete(herTodo).status());
  }

  @Test
  void idempotencyKeysArePerUser() {
    String body = new JsonObject().put("title", "same key, two users").encode();
    Map<String, String> keyed = Map.of("Content-Type", "application/json", "Idempotency-Key", "shared-key-1");
    Reply hers = alice.send("POST", "/api/v1/todos", body, keyed);
    Reply his = bob.send("POST", "/api/v1/todos", body, keyed);
    assertEquals(201, hers.status(), hers::toString);
    assertEquals(201, his.status(), his::toString);
    assertNull(his.header("Idempotent-Replayed"), "bob's request is his own, not a replay of alice's");
    assertNotEquals(hers.json().getLong("id"), his.json().getLong("id"));
    Reply again = alice.send("POST", "/api/v1/todos", body, keyed);
    assertEquals(hers.json(), again.json());
    assertEquals("true", again.header("Idempotent-Replayed"));
  }

  @Test
  void eachUsersExportHoldsTheirTodosAndNoOneElseReachesTheirJob() {
    created(alice, "alice's dentist");
    created(bob, "bob's haircut");
    JsonObject job = Jobs.submit(alice);
    String statusUrl = job.getString("task_url");
    JsonObject done = Jobs.awaitFinal(alice, statusUrl, Duration.ofSeconds(30));
    assertEquals("SUCCESS", done.getString("task_status"), done::encode);
    assertFalse(done.containsKey("owner"), "a client is not told its own owner key");
    String calendar = alice.get(done.getString("result_url")).body();
    assertTrue(calendar.contains("alice's dentist"), calendar);
    assertFalse(calendar.contains("bob's haircut"), "alice's export holds bob's todo: " + calendar);

    String task = job.getString("task_id");
    String unknown = UUID.randomUUID().toString();
    for (String call : List.of("/status", "/result", "/events")) {
      // the status is cached once finished: the cache answers its owner only
      sameAsUnknown(bob.get("/api/v1/todos/ical/" + task + call), bob.get("/api/v1/todos/ical/" + unknown + call), call);
    }
    assertEquals(200, alice.get(statusUrl).status(), "still alice's");
  }

  @Test
  void eachUserHasTheirOwnFeed() {
    created(alice, "alice's dentist");
    created(bob, "bob's haircut");
    assertEquals(404, bob.get("/api/v1/calendar/feed").status(), "bob has made no feed");
    String herFeed = alice.post("/api/v1/calendar/feed", "").json().getString("feed_url");
    assertEquals(404, bob.get("/api/v1/calendar/feed").status(), "alice's feed is not bob's");
    String hisFeed = bob.post("/api/v1/calendar/feed", "").json().getString("feed_url");
    assertNotEquals(herFeed, hisFeed);

    Reply hers = anonymous.get(herFeed);
    assertEquals(200, hers.status(), "a feed needs no Authorization: its token is the credential");
    assertTrue(hers.body().contains("alice's dentist") && !hers.body().contains("bob's haircut"), hers.body());
    Reply his = anonymous.get(hisFeed);
    assertTrue(his.body().contains("bob's haircut") && !his.body().contains("alice's dentist"), his.body());

    assertEquals(204, alice.delete("/api/v1/calendar/feed").status());
    assertEquals(404, anonymous.get(herFeed).status(), "revoked");
    assertEquals(200, anonymous.get(hisFeed).status(), "bob's feed lives on");
  }

  @Test
  void adminCallsStayTheAdminsAndShowWhoseJobsTheyAre() throws Exception {
    assertEquals(403, bob.get("/api/v1/admin/dead-letters").status(), "a user without the role");
    ApiClient admin = anonymous.with(TestIssuer.bearer(issuer.token("carol",
        claims -> claims.claim("roles", List.of(TestIssuer.ADMIN_ROLE)))));
    assertEquals(200, admin.get("/api/v1/admin/dead-letters").status());
    assertEquals(200, admin.get("/api/v1/todos").status(), "an admin has todos of her own");
    assertEquals(new JsonArray(), admin.get("/api/v1/todos").jsonArray(), "and sees no one else's there");
  }

  private static List<Long> ids(JsonArray todos) {
    return todos.stream().map(todo -> ((JsonObject) todo).getLong("id")).toList();
  }
}
