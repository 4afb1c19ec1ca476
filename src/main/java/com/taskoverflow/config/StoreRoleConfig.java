package com.taskoverflow.config;

/**
 * What the store role needs: its database, the job queue, the life of jobs, and how long a
 * worker may stay silent before it counts as departed (the workers' visibility timeout), and the
 * owners' settings (the shared owner for migrations, the feeds' key).
 */
public record StoreRoleConfig(PostgresConfig postgres, BrokerConfig queue, JobsConfig jobs, long visibilityTimeoutMs,
    AuthConfig auth) {
}
