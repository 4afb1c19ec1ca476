package com.taskoverflow.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Test hosts made of Linux network namespaces: each has one address on a bridge of the test's own
 * (a private /24 no interface of this machine uses), and the bridge's address is this machine's
 * side, where the test's own servers listen. A host is cut off by taking its link down and brought
 * back by setting it up. {@link #close()} removes every namespace, link and the bridge (a JVM
 * shutdown hook does it too, should the test JVM be stopped first). Needs root.
 */
public final class TestHosts implements AutoCloseable {

  private final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  private final String subnet;
  private final int count;
  private final Thread cleanUpOnExit = new Thread(this::removeAll, "test-hosts-cleanup");
  private boolean removed;

  private TestHosts(int count) {
    this.count = count;
    this.subnet = freeSubnet();
  }

  /** Whether this JVM may make network namespaces (it runs as root, and `ip` is there). */
  public static boolean possible() {
    try {
      return "0".equals(run("id", "-u").trim()) && run("ip", "netns", "list") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code count} hosts on a bridge of their own. */
  public static TestHosts create(int count) throws IOException {
    TestHosts hosts = new TestHosts(count);
    Runtime.getRuntime().addShutdownHook(hosts.cleanUpOnExit);
    try {
      hosts.build();
      return hosts;
    } catch (IOException | RuntimeException e) {
      hosts.close();
      throw e;
    }
  }

  private void build() throws IOException {
    run("ip", "link", "add", bridge(), "type", "bridge");
    run("ip", "addr", "add", machineAddress() + "/24", "dev", bridge());
    run("ip", "link", "set", bridge(), "up");
    for (int host = 1; host <= count; host++) {
      run("ip", "netns", "add", namespace(host));
      run("ip", "link", "add", link(host), "type", "veth", "peer", "name", "eth0", "netns", namespace(host));
      run("ip", "link", "set", link(host), "master", bridge(), "up");
      inHost(host, "ip", "addr", "add", address(host) + "/24", "dev", "eth0");
      inHost(host, "ip", "link", "set", "eth0", "up");
      inHost(host, "ip", "link", "set", "lo", "up");
    }
  }

  /** This machine's address on the hosts' bridge: servers the hosts share listen here. */
  public String machineAddress() {
    return subnet + ".1";
  }

  /** Host {@code host}'s address (hosts count from 1). */
  public String address(int host) {
    return subnet + "." + (10 + host);
  }

  /** The subnet, as PostgreSQL's pg_hba.conf writes it. */
  public String cidr() {
    return subnet + ".0/24";
  }

  /** The command that runs a program inside host {@code host}. */
  public List<String> launcher(int host) {
    return List.of("ip", "netns", "exec", namespace(host));
  }

  /** Cuts the host off the network: its link goes down, as a pulled cable or a failed switch port. */
  public void cut(int host) throws IOException {
    run("ip", "link", "set", link(host), "down");
  }

  public void reconnect(int host) throws IOException {
    run("ip", "link", "set", link(host), "up");
  }

  private String bridge() {
    return "tobr" + tag;
  }

  private String namespace(int host) {
    return "taskoverflow-" + tag + "-h" + host;
  }

  private String link(int host) {
    return "to" + tag + "h" + host;
  }

  private void inHost(int host, String... command) throws IOException {
    List<String> full = new ArrayList<>(launcher(host));
    full.addAll(List.of(command));
    run(full.toArray(String[]::new));
  }

  /** A 10.x.y.0/24 that no address or route of this machine touches. */
  private static String freeSubnet() {
    try {
      String used = run("ip", "-4", "addr") + run("ip", "-4", "route");
      for (int tries = 0; tries < 100; tries++) {
        String candidate = "10." + ThreadLocalRandom.current().nextInt(200, 250) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        if (!used.contains(candidate + ".") && !used.contains(candidate.substring(0, candidate.lastIndexOf('.')) + ".0.0/16")) {
          return candidate;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read this machine's addresses: " + e.getMessage(), e);
    }
    throw new IllegalStateException("no free 10.x.y.0/24 for the test hosts");
  }

  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": no answer within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output.trim());
    }
    return output;
  }

  /** Removes the namespaces (their ends of the links go with them), the links and the bridge. */
  private synchronized void removeAll() {
    if (removed) {
      return;
    }
    removed = true;
    for (int host = 1; host <= count; host++) {
      quietly("ip", "netns", "del", namespace(host));
      quietly("ip", "link", "del", link(host));
    }
    quietly("ip", "link", "del", bridge());
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    removeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }
}
