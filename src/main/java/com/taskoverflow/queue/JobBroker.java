package com.taskoverflow.queue;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Predicate;

/**
 * The store's side of a job queue: put jobs on it, say whether it answers, and let the store keep
 * it in step with PostgreSQL. Redis ({@code queue.redis}) and SQS ({@code queue.sqs}) carry jobs;
 * each maps these onto its own mechanism.
 */
public interface JobBroker {

  /** Queues a job for the workers; succeeds once the broker has it. */
  Future<Void> enqueue(String taskId);

  /** Queues jobs in one round trip (or as few as the broker allows); succeeds once it has them all. */
  Future<Void> enqueueAll(List<String> taskIds);

  /** Succeeds when the broker answers. */
  Future<Void> ping();

  /** "redis" or "sqs", as health reports it. */
  String label();

  /** Creates what the queue needs (stream and group; queues) if it is missing. */
  Future<Void> ensureReady();

  /**
   * Whether the broker still holds what the service wrote to it: false after it lost its data
   * (Redis restarted without persistence or flushed; the SQS queue recreated).
   */
  Future<Boolean> intact();

  /** Marks the queue complete, once every unfinished job is on it again. */
  Future<Void> markIntact();

  /** A short lease so one node at a time rebuilds the queue; answers whether we got it. */
  Future<Boolean> lease(String name, String holder, long ttlMs);

  /**
   * Which task ids the queue may be holding (waiting, in progress, or waiting out a retry); a
   * job it certainly does not hold was lost there.
   */
  Future<Predicate<String>> mayHold();

  /** Forgets workers that died long ago and hold nothing; answers how many. */
  Future<Integer> removeDepartedWorkers(long silenceMs);

  /** How many jobs the queue holds, by state (approximate where the broker counts so). */
  Future<QueueDepth> depth();

  Future<Void> close();
}
