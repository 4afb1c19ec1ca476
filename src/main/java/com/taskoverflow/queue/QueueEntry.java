package com.taskoverflow.queue;

/**
 * One delivery of a job from the queue; {@code taskId} is null for an entry deleted while pending.
 * {@code queuedAtMs}: when the entry was queued (epoch milliseconds), 0 if unknown.
 */
public record QueueEntry(String entryId, String taskId, long queuedAtMs) {
}
