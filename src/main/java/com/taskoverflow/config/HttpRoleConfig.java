package com.taskoverflow.config;

/**
 * What the HTTP role needs: its own settings, the store's reply time, how long results are kept,
 * and who may call.
 */
public record HttpRoleConfig(HttpConfig http, long requestTimeoutMs, JobsConfig jobs, AuthConfig auth) {
}
