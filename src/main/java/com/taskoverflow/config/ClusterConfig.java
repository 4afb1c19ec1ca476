package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** Whether and how this JVM joins the cluster of TaskOverflow JVMs. */
public record ClusterConfig(
    boolean enabled, String name, String host, String publicHost, int port, List<String> members,
    String configFile) {

  static ClusterConfig from(JsonObject json) {
    List<String> members = Arrays.stream(json.getString("members").split(","))
        .map(String::trim).filter(member -> !member.isEmpty()).toList();
    if (members.isEmpty()) {
      throw new IllegalArgumentException("cluster.members must name at least one host[:port]");
    }
    for (String member : members) {
      if (member.matches(".*:\\d+-\\d+")) {
        throw new IllegalArgumentException("cluster.members: list ports one by one, not as a range: " + member);
      }
    }
    return new ClusterConfig(
        Boolean.parseBoolean(String.valueOf(json.getValue("enabled"))),
        json.getString("name"),
        json.getString("host"),
        json.getString("public-host", ""),
        json.getInteger("port"),
        members,
        json.getString("config-file", ""));
  }

  public ClusterConfig enable() {
    return new ClusterConfig(true, name, host, publicHost, port, members, configFile);
  }

  /** The address other members use to reach this one. */
  public String advertisedHost() {
    return publicHost == null || publicHost.isBlank() ? host : publicHost;
  }
}
