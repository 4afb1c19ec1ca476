package com.taskoverflow.store;

import static com.taskoverflow.bus.Addresses.*;

import com.taskoverflow.bus.Failures;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.queue.JobQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store role: owns the PostgreSQL pool and answers todo and job requests on the event bus.
 * It also queues each new job in Redis before answering, so an accepted job is always both a row
 * and a queue entry.
 */
public class StoreVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);

  private final AppConfig config;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private Pool pool;
  private JobQueue queue;
  private TodoRepository todos;
  private JobRepository jobs;

  public StoreVerticle(AppConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    queue = JobQueue.create(vertx, config.redis());
    return Database.open(vertx, config.postgres())
        .compose(opened -> {
          pool = opened;
          todos = new TodoRepository(pool);
          jobs = new JobRepository(pool);
          return Migrations.apply(vertx, pool);
        })
        .compose(migrated -> queue.ensureGroup())
        .compose(ready -> registerConsumers());
  }

  private Future<Void> registerConsumers() {
    answer(TODOS_LIST, body -> todos.list(body.getBoolean("completed"), body.getLong("window_days"))
        .map(list -> new JsonObject().put("todos", list)));
    answer(TODOS_GET, body -> todos.get(body.getLong("id")).compose(found -> orNotFound(found, "Todo")));
    answer(TODOS_CREATE, todos::create);
    answer(TODOS_UPDATE, body -> todos.update(body.getLong("id"), body.getJsonObject("changes"))
        .compose(found -> orNotFound(found, "Todo")));
    answer(TODOS_DELETE, body -> todos.delete(body.getLong("id")).compose(found -> orNotFound(found, "Todo")));

    answer(JOBS_SUBMIT, body -> submitJob());
    answer(JOBS_STATUS, body -> jobs.status(taskId(body)).compose(found -> orNotFound(found, "Task")));
    answer(JOBS_RESULT, body -> jobs.result(taskId(body)).compose(found -> orNotFound(found, "Task")));
    answer(JOBS_START, body -> jobs.start(taskId(body), body.getString("worker"))
        .compose(found -> orConflict(found, "Task cannot be started")));
    answer(JOBS_SUCCEED, body -> jobs.finish(taskId(body), body.getInteger("attempt"), "SUCCESS",
            body.getString("calendar"), null)
        .compose(found -> orConflict(found, "Attempt no longer holds the task")));
    answer(JOBS_FAIL, body -> jobs.finish(taskId(body), body.getInteger("attempt"), "FAILURE",
            null, body.getString("error"))
        .compose(found -> orConflict(found, "Attempt no longer holds the task")));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  /** The row first, then the queue entry; a job that cannot be queued is removed and refused. */
  private Future<JsonObject> submitJob() {
    return jobs.create().compose(status -> {
      String taskId = status.getString("task_id");
      return queue.enqueue(taskId)
          .map(entryId -> status)
          .recover(failure -> {
            LOG.warn("Could not queue job {}: {}", taskId, failure.getMessage());
            return jobs.deleteUnqueued(UUID.fromString(taskId))
                .transform(deleted -> Future.failedFuture(
                    Failures.of(Failures.UNAVAILABLE, "Job queue unavailable, try again later")));
          });
    });
  }

  private void answer(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, message -> {
      Future<JsonObject> reply;
      try {
        reply = handler.apply(message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(Failures.of(Failures.INVALID, "Malformed request: " + e.getMessage()));
      }
      reply.onSuccess(message::reply).onFailure(failure -> fail(message, address, failure));
    }));
  }

  private static void fail(Message<JsonObject> message, String address, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      message.fail(reply.failureCode(), reply.getMessage());
    } else if (failure instanceof PgException pg && isBadData(pg.getSqlState())) {
      message.fail(Failures.INVALID, "Rejected by the database: " + pg.getErrorMessage());
    } else {
      LOG.error("{} failed", address, failure);
      message.fail(Failures.UNAVAILABLE, "Storage unavailable, try again later");
    }
  }

  /** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the input's fault. */
  private static boolean isBadData(String sqlState) {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
  }

  private static UUID taskId(JsonObject body) {
    return UUID.fromString(body.getString("task_id"));
  }

  private static Future<JsonObject> orNotFound(Optional<JsonObject> found, String what) {
    return found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, what + " not found")));
  }

  private static Future<JsonObject> orConflict(Optional<JsonObject> found, String reason) {
    return found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.CONFLICT, reason)));
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closing = new ArrayList<>();
    consumers.forEach(consumer -> closing.add(consumer.unregister()));
    if (queue != null) {
      closing.add(queue.close());
    }
    if (pool != null) {
      closing.add(pool.close());
    }
    return Future.join(closing);
  }
}
