package com.taskoverflow.queue;

/** One delivery of a job from the queue; {@code taskId} is null for an entry deleted while pending. */
public record QueueEntry(String entryId, String taskId) {
}
