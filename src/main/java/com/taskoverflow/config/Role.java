package com.taskoverflow.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a JVM can run; any combination of roles may share one JVM. */
public enum Role {
  HTTP, STORE, WORKER;

  /** Parses a comma-separated list such as {@code http,store}. */
  public static Set<Role> parseList(String list) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : list.split(",")) {
      String trimmed = name.trim();
      if (!trimmed.isEmpty()) {
        roles.add(parse(trimmed));
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("no role given; choose from http, store, worker");
    }
    return roles;
  }

  public static Role parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + name + "'; choose from http, store, worker");
    }
  }
}
