package com.taskoverflow.queue;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * The worker's side of a job queue: what one worker takes, keeps, finishes and gives back. A
 * delivery stays the worker's until it is acknowledged, deferred or handed back; one that is not
 * renewed in time (its worker died) is delivered again. Redis ({@code queue.redis}) and SQS
 * ({@code queue.sqs}) each map this onto their own mechanism. Called on the worker verticle's
 * event loop.
 */
public interface WorkerQueue {

  /** Where the jobs come from, as a log line names it. */
  String source();

  /** Gets ready to take jobs (it may fail while the broker is away: taking keeps trying). */
  Future<Void> prepare();

  /**
   * Up to {@code room} deliveries, waiting a short while (seconds at most) for the first; none if
   * none came. {@code inHand} are the deliveries the worker already holds, never given again.
   */
  Future<List<Delivery>> take(int room, Set<String> inHand);

  /** How often {@link #renew} must run for the deliveries in hand to stay the worker's. */
  long renewEveryMs();

  /** Keeps the deliveries in hand the worker's for another claim period, and says it is alive. */
  Future<Void> renew(List<String> inHand);

  /**
   * Up to {@code room} deliveries whose worker died or stopped renewing them, taken over; none
   * where the broker redelivers them by itself.
   */
  Future<List<Delivery>> takeAbandoned(int room);

  /** Makes jobs whose retry backoff is over deliverable again (where the broker does not by itself). */
  Future<Void> releaseDueRetries();

  /** These deliveries' jobs are done: they leave the queue, in as few calls as the broker allows. */
  Future<Void> acknowledge(List<String> deliveryIds);

  /**
   * Acknowledges deliveries whose job turned out finished, or taken over by a later attempt: those
   * another worker has taken over since (this one was judged dead) stay with that worker.
   */
  Future<Void> acknowledgeIfHeld(List<String> deliveryIds);

  /** The most deliveries worth acknowledging in one go. */
  int acknowledgeBatch();

  /** A failed job is delivered again, to any worker, no sooner than {@code delayMs} from now. */
  Future<Void> defer(Delivery delivery, long delayMs);

  /** Stops taking: a take under way ends soon (what it brings is still the worker's, to hand back). */
  Future<Void> stopTaking();

  /** Gives back every delivery the worker still holds, for another worker to take at once; answers how many. */
  Future<Integer> handBack(List<String> inHand);

  Future<Void> close();
}
