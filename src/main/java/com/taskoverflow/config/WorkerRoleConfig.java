package com.taskoverflow.config;

/** What the worker role needs: its own settings, the job queue, the life of jobs, the store's reply time. */
public record WorkerRoleConfig(WorkerConfig worker, BrokerConfig queue, JobsConfig jobs, long requestTimeoutMs) {
}
