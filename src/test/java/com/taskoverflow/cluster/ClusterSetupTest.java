package com.taskoverflow.cluster;

import static org.junit.jupiter.api.Assertions.*;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.taskoverflow.config.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Hazelcast configuration the cluster settings make, read without starting a member: bound to
 * the configured interface only, multicast and auto-detection off whatever the discovery, and
 * members found over TCP from the list or, on AWS, through its APIs.
 */
class ClusterSetupTest {

  private static ClusterConfig cluster(ClusterConfig.Discovery discovery) {
    return new ClusterConfig(true, "setup-test", "127.0.0.1", "", 5701, List.of("127.0.0.1"), "", discovery);
  }

  private static void boundAndQuiet(Config config) {
    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertEquals(List.of("127.0.0.1"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
  }

  @Test
  void tcpDiscoveryUsesTheMembersList() {
    Config config = ClusterSetup.hazelcastConfig(cluster(ClusterConfig.Discovery.TCP));
    boundAndQuiet(config);
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("127.0.0.1"), join.getTcpIpConfig().getMembers());
    assertFalse(join.getAwsConfig().isEnabled());
  }

  @Test
  void namedMembersAreGivenToHazelcastByAddress() {
    // by name Hazelcast would drop them: they do not match the interface list (compose's "api")
    ClusterConfig named = new ClusterConfig(true, "setup-test", "127.0.0.1", "", 5701,
        List.of("localhost:5702", "10.0.0.7", "10.0.0.1-9", "[::1]:5701", "member.does-not-resolve.invalid"), "",
        ClusterConfig.Discovery.TCP);
    List<String> members = ClusterSetup.hazelcastConfig(named).getNetworkConfig().getJoin().getTcpIpConfig().getMembers();
    assertTrue(members.contains("127.0.0.1:5702"), members.toString());
    assertFalse(members.contains("localhost:5702"), members.toString());
    assertEquals(List.of("10.0.0.7", "10.0.0.1-9", "[::1]:5701", "member.does-not-resolve.invalid"),
        members.subList(members.size() - 4, members.size()));
  }

  @Test
  void awsDiscoveryAsksAwsForTheMembers() {
    Config config = ClusterSetup.hazelcastConfig(cluster(ClusterConfig.Discovery.AWS));
    boundAndQuiet(config);
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertTrue(join.getAwsConfig().isEnabled());
    assertEquals("5701-5721", join.getAwsConfig().getProperty("hz-port"));
    assertFalse(join.getTcpIpConfig().isEnabled());
  }
}
