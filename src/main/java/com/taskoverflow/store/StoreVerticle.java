package com.taskoverflow.store;

import static com.taskoverflow.bus.Addresses.*;

import com.taskoverflow.bus.Failures;
import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.queue.JobQueue;
import com.taskoverflow.store.IdempotencyKeys.Key;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store role: owns the PostgreSQL pool and answers todo and job requests on the event bus.
 * It also queues each new job in Redis before answering, so an accepted job is always both a row
 * and a queue entry, and keeps the two in step (reconciliation) and tidy (retention).
 *
 * <p>It answers from the moment it is deployed: while PostgreSQL cannot be reached, with 503s,
 * retrying the connection with backoff in the background.
 */
public class StoreVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);
  private static final Backoff RECONNECT = new Backoff(200, 10_000);
  private static final long RECONCILE_EVERY_MS = 2_000;
  private static final long HEALTH_TIMEOUT_MS = 2_000;
  /** Answered while the database has not been reached yet. */
  private static final ReplyException NOT_READY =
      Failures.of(Failures.UNAVAILABLE, "Storage unavailable: PostgreSQL is not reachable yet");

  private final AppConfig config;
  private final Retention retention;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private Pool pool;
  private JobQueue queue;
  private TodoRepository todos;
  private JobRepository jobs;
  private QueueReconciler reconciler;
  private boolean stopped;

  public StoreVerticle(AppConfig config) {
    this.config = config;
    this.retention = new Retention(config.jobs());
  }

  @Override
  public Future<?> start() {
    queue = JobQueue.create(vertx, config.redis());
    registerConsumers();
    // Ready once the first connection attempt is over: usually with the database, else answering
    // 503 while it keeps trying.
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(registered -> connect(0).otherwiseEmpty());
  }

  /** Opens the pool and migrates; on failure tries again with backoff, for as long as it takes. */
  private Future<Pool> connect(int failures) {
    return Database.open(vertx, config.postgres())
        .compose(opened -> Migrations.apply(vertx, opened).map(opened).onFailure(failure -> opened.close()))
        .onSuccess(this::ready)
        .onFailure(failure -> {
          if (stopped) {
            return;
          }
          long delay = RECONNECT.delayMs(failures + 1);
          LOG.warn("PostgreSQL at {} not ready ({}); retrying in {} ms", config.postgres().connectOptions().getHost()
              + ":" + config.postgres().connectOptions().getPort(), failure.getMessage(), delay);
          vertx.setTimer(delay, t -> connect(failures + 1));
        });
  }

  private void ready(Pool opened) {
    if (stopped) {
      opened.close();
      return;
    }
    pool = opened;
    todos = new TodoRepository(pool, retention);
    jobs = new JobRepository(pool, retention);
    reconciler = new QueueReconciler(jobs, queue);
    LOG.info("Store ready on PostgreSQL {}", config.postgres().connectOptions().getDatabase());
    timers.add(vertx.setPeriodic(0, RECONCILE_EVERY_MS, t -> reconciler.repairDataLoss()
        .onFailure(failure -> LOG.warn("Job queue check failed: {}", failure.getMessage()))));
    long sweepEvery = config.jobs().sweepIntervalMs();
    timers.add(vertx.setPeriodic(sweepEvery, sweepEvery, t -> reconciler.sweepOrphans()
        .compose(swept -> purge(0))
        .onSuccess(total -> {
          if (total > 0) {
            LOG.info("Purged {} expired job(s)", total);
          }
        })
        .compose(purged -> removeDepartedWorkers())
        .onFailure(failure -> LOG.warn("Job maintenance failed: {}", failure.getMessage()))));
  }

  /**
   * A worker killed without a goodbye stays a consumer in the queue's group; once its heartbeats
   * stop for a visibility timeout and others have claimed its entries, its name can go.
   */
  private Future<Void> removeDepartedWorkers() {
    return queue.removeDepartedConsumers(config.worker().visibilityTimeoutMs())
        .onSuccess(removed -> {
          if (removed > 0) {
            LOG.info("Removed {} departed worker(s) from the job queue's group", removed);
          }
        })
        .mapEmpty();
  }

  /** Deletes expired jobs a batch at a time; answers how many went. */
  private Future<Integer> purge(int sofar) {
    return jobs.purgeExpired().compose(deleted -> deleted >= 1000
        ? purge(sofar + deleted)
        : Future.succeededFuture(sofar + deleted));
  }

  private void registerConsumers() {
    answer(TODOS_LIST, body -> todos.list(body.getBoolean("completed"), body.getLong("window_days"))
        .map(list -> new JsonObject().put("todos", list)));
    answer(TODOS_GET, body -> todos.get(body.getLong("id")).compose(found -> orNotFound(found, "Todo")));
    answerReplayable(TODOS_CREATE, body -> todos.create(body.getJsonObject("todo"),
        Key.from(body, TodoRepository.CREATE_SCOPE)));
    answer(TODOS_UPDATE, body -> todos.update(body.getLong("id"), body.getJsonObject("changes"))
        .compose(found -> orNotFound(found, "Todo")));
    answer(TODOS_DELETE, body -> todos.delete(body.getLong("id")).compose(found -> orNotFound(found, "Todo")));

    answerReplayable(JOBS_SUBMIT, body -> submitJob(Key.from(body, JobRepository.SUBMIT_SCOPE)));
    answer(JOBS_STATUS, body -> jobs.status(taskId(body)).compose(found -> orNotFound(found, "Task")));
    answer(JOBS_RESULT, body -> jobs.result(taskId(body)).compose(found -> orNotFound(found, "Task")));
    answer(JOBS_START, this::startJob);
    answer(JOBS_SUCCEED, body -> jobs.succeed(taskId(body), body.getInteger("attempt"), body.getString("calendar"))
        .compose(found -> orConflict(found, "Attempt no longer holds the task")));
    answer(JOBS_RETRY, body -> jobs.retry(taskId(body), body.getInteger("attempt"), body.getString("error"),
            body.getLong("delay_ms"))
        .compose(found -> orConflict(found, "Attempt no longer holds the task")));
    answer(JOBS_FAIL, body -> jobs.fail(taskId(body), body.getInteger("attempt"), body.getString("error"))
        .compose(found -> orConflict(found, "Attempt no longer holds the task")));
    answer(DEAD_LETTERS_LIST, body -> jobs.deadLetters(body.getInteger("limit", 100))
        .map(letters -> new JsonObject().put("dead_letters", letters)));
    answer(DEAD_LETTERS_REQUEUE, this::requeue);
    consumers.add(vertx.eventBus().consumer(STORE_HEALTH, message -> health().onSuccess(message::reply)));
  }

  /** The row first, then the queue entry; a job that cannot be queued is removed and refused. */
  private Future<Answer> submitJob(Optional<Key> key) {
    return jobs.create(key).compose(answer -> {
      if (answer.replayed()) {
        return Future.succeededFuture(answer);
      }
      String taskId = answer.body().getString("task_id");
      return queue.enqueue(taskId)
          .map(entryId -> answer)
          .recover(failure -> {
            LOG.warn("Could not queue job {}: {}", taskId, failure.getMessage());
            return jobs.deleteUnqueued(UUID.fromString(taskId), key)
                .transform(deleted -> Future.failedFuture(
                    Failures.of(Failures.UNAVAILABLE, "Job queue unavailable, try again later")));
          });
    });
  }

  /** A new attempt, or, for a job out of attempts, its end: FAILURE and a dead letter. */
  private Future<JsonObject> startJob(JsonObject body) {
    UUID id = taskId(body);
    int maxAttempts = body.getInteger("max_attempts");
    return jobs.start(id, body.getString("worker"), maxAttempts).compose(started -> started.isPresent()
        ? Future.succeededFuture(started.get())
        : jobs.giveUp(id, maxAttempts).compose(gaveUp -> {
          gaveUp.ifPresent(status -> {
            LOG.warn("Job {} failed for good: {}", id, status.getString("error"));
            vertx.eventBus().publish(JOBS_FINISHED, status);
          });
          return Future.failedFuture(Failures.of(Failures.CONFLICT, "Task cannot be started"));
        }));
  }

  private Future<JsonObject> requeue(JsonObject body) {
    UUID id = taskId(body);
    return jobs.requeue(id).compose(found -> orNotFound(found, "Dead letter")).compose(status -> {
      vertx.eventBus().publish(JOBS_REQUEUED, new JsonObject().put("task_id", id.toString()));
      return queue.enqueue(id.toString()).map(status).recover(failure -> Future.failedFuture(
          Failures.of(Failures.UNAVAILABLE, "Requeued as PENDING, but the job queue is unavailable: "
              + "it will be queued when Redis is back")));
    });
  }

  private Future<JsonObject> health() {
    Future<String> postgres = pool == null ? Future.succeededFuture("down")
        : pool.query("SELECT 1").execute().timeout(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .map("up").otherwise("down");
    Future<String> redis = queue.ping().map("up").otherwise("down");
    return Future.join(postgres, redis).transform(done -> Future.succeededFuture(new JsonObject()
        .put("postgres", postgres.result()).put("redis", redis.result())));
  }

  private void answer(String address, Function<JsonObject, Future<JsonObject>> handler) {
    answerReplayable(address, body -> handler.apply(body).map(Answer::fresh));
  }

  /** Registers a handler whose replies say, in a header, whether they replay an earlier answer. */
  private void answerReplayable(String address, Function<JsonObject, Future<Answer>> handler) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, message -> {
      if (pool == null) {
        message.fail(NOT_READY.failureCode(), NOT_READY.getMessage());
        return;
      }
      Future<Answer> reply;
      try {
        reply = handler.apply(message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(Failures.of(Failures.INVALID, "Malformed request: " + e.getMessage()));
      }
      reply.onSuccess(answer -> message.reply(answer.body(),
              new DeliveryOptions().addHeader("replayed", Boolean.toString(answer.replayed()))))
          .onFailure(failure -> fail(message, address, failure));
    }));
  }

  private static void fail(Message<JsonObject> message, String address, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      message.fail(reply.failureCode(), reply.getMessage());
    } else if (failure instanceof PgException pg && isBadData(pg.getSqlState())) {
      message.fail(Failures.INVALID, "Rejected by the database: " + pg.getErrorMessage());
    } else {
      LOG.warn("{} failed: {}", address, failure.toString());
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
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    List<Future<?>> closing = new ArrayList<>();
    consumers.forEach(consumer -> closing.add(consumer.unregister()));
    closing.add(queue.close());
    if (pool != null) {
      closing.add(pool.close());
    }
    return Future.join(closing);
  }
}
