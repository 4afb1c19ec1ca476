package com.taskoverflow.config;

import java.util.Locale;

/** What carries calendar jobs from the store to the workers. */
public enum Broker {
  REDIS, SQS;

  static Broker parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("broker must be redis or sqs, got '" + value + "'");
    }
  }
}
