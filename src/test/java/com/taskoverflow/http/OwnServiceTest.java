package com.taskoverflow.http;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.RunningService;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** Tests whose cases each start a service of their own, with settings of their own; stopped after each. */
abstract class OwnServiceTest {

  RunningService service;

  /** Every role, with these {@code http.*} settings. */
  ApiClient start(JsonObject http) throws Exception {
    service = RunningService.startedWithHttp(http);
    return service.client();
  }

  /** With these settings merged over the normal ones. */
  ApiClient startWith(JsonObject overrides) throws Exception {
    service = RunningService.start(overrides).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return service.client();
  }

  @AfterEach
  void stopService() throws Exception {
    if (service != null) {
      service.stopNow();
      service = null;
    }
  }
}
