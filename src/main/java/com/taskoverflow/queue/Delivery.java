package com.taskoverflow.queue;

/**
 * One delivery of a job to a worker: the broker's id for it (a stream entry id, an SQS receipt
 * handle), the job's task id ({@code null} for an entry whose job was deleted while pending), when
 * it was queued (epoch milliseconds, 0 if unknown), and whether it is the entry's first delivery
 * (so no earlier attempt of it can have ended unrecorded, with a worker that died or a connection
 * that broke).
 */
public record Delivery(String id, String taskId, long queuedAtMs, boolean first) {
}
