package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** Whether and how this JVM joins the cluster of TaskOverflow JVMs. */
public record ClusterConfig(
    boolean enabled, String name, String host, String publicHost, int port, List<String> members,
    String configFile, Discovery discovery) {

  /** How members find each other: the {@code members} list over TCP, or the AWS APIs (ECS, EC2). */
  public enum Discovery { TCP, AWS }

  /** The {@code cluster.host} that means "this host's own address". */
  public static final String OWN_ADDRESS = "auto";

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
        host(json.getString("host")),
        json.getString("public-host", ""),
        json.getInteger("port"),
        members,
        json.getString("config-file", ""),
        discovery(json.getString("discovery", "tcp")));
  }

  /**
   * The interface to bind; {@value #OWN_ADDRESS}: the address this host's name resolves to, as a
   * container on a compose network or a task in a VPC has one of its own, known only at start.
   */
  private static String host(String configured) {
    if (!OWN_ADDRESS.equals(configured)) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cluster.host is auto, but this host's name does not resolve: " + e.getMessage());
    }
  }

  private static Discovery discovery(String value) {
    try {
      return Discovery.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cluster.discovery must be tcp or aws, got '" + value + "'");
    }
  }

  public ClusterConfig enable() {
    return new ClusterConfig(true, name, host, publicHost, port, members, configFile, discovery);
  }

  /** The address other members use to reach this one. */
  public String advertisedHost() {
    return publicHost == null || publicHost.isBlank() ? host : publicHost;
  }
}
