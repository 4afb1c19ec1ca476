package com.taskoverflow.config;

/**
 * What the store role needs: its database, the job queue, the life of jobs, how long a worker
 * may stay silent before it counts as departed, and the owners' settings (the shared owner for
 * migrations, the feeds' key).
 *
 * @param departedAfterMs the workers' visibility timeout, and never less than their dead-after
 *     time: at a visibility timeout as short as the heartbeat, a live idle worker would otherwise
 *     look departed whenever a heartbeat came late
 */
public record StoreRoleConfig(PostgresConfig postgres, BrokerConfig queue, JobsConfig jobs, long departedAfterMs,
    AuthConfig auth) {
}
