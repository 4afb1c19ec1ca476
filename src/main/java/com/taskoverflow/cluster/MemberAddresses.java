package com.taskoverflow.cluster;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members list with host names replaced by their addresses. Hazelcast's TCP join keeps only
 * the addresses of a named member that match the interface list, and that list holds just this
 * member's own address (it pins what Hazelcast binds), so a member named "api" on a compose network
 * was never asked to join and every container formed a cluster of its own. Addresses, ranges and
 * names that do not resolve yet are passed on as they are.
 */
final class MemberAddresses {

  private static final Logger LOG = LoggerFactory.getLogger(MemberAddresses.class);
  /** host[:port] where the host is a name: it has a letter and no ':' (IPv6) or '-' range of digits. */
  private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*)(:\\d+)?");

  private MemberAddresses() {
  }

  /** Blocking: looks names up. */
  static List<String> resolve(List<String> members) {
    List<String> resolved = new ArrayList<>();
    for (String member : members) {
      Matcher named = NAMED.matcher(member);
      if (!named.matches()) {
        resolved.add(member);
        continue;
      }
      String port = named.group(2) == null ? "" : named.group(2);
      try {
        for (InetAddress address : InetAddress.getAllByName(named.group(1))) {
          String host = address.getHostAddress();
          resolved.add((address instanceof Inet6Address ? "[" + host + "]" : host) + port);
        }
      } catch (UnknownHostException e) {
        LOG.warn("Cluster member {} does not resolve (yet): passed on by name", member);
        resolved.add(member);
      }
    }
    return resolved;
  }
}
