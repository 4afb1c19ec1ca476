package com.taskoverflow.queue;

/** How many jobs a broker holds, by state: waiting, taken by a worker, waiting out a retry backoff. */
public record QueueDepth(long ready, long inFlight, long delayed) {
}
