package com.taskoverflow.config;

/** What the HTTP role needs: its own settings, the store's reply time, and how long results are kept. */
public record HttpRoleConfig(HttpConfig http, long requestTimeoutMs, JobsConfig jobs) {
}
