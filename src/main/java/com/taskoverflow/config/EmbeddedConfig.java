package com.taskoverflow.config;

/** Whether a JVM may start embedded PostgreSQL and Redis when none is configured or found. */
public record EmbeddedConfig(boolean enabled) {
}
