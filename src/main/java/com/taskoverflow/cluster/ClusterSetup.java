package com.taskoverflow.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.taskoverflow.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import com.taskoverflow.config.Loopback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.taskoverflow.metrics.ServiceMetrics;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.util.OptionalInt;

/**
 * Builds a clustered Vert.x: Hazelcast for membership and the event bus between JVMs, both bound
 * to the configured interface (loopback unless told otherwise), members found over TCP only.
 */
public final class ClusterSetup {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSetup.class);

  static final String BUILT_IN_CONFIG = "taskoverflow-cluster.xml";

  private ClusterSetup() {
  }

  /** A Vert.x that has joined the cluster, and how many members that cluster has. */
  public record Member(Vertx vertx, Membership membership) {
  }

  /** {@code base}: the JVM's other Vert.x options (its threads), joined by the cluster's. */
  public static Future<Member> start(ClusterConfig cluster, VertxOptions base, ServiceMetrics metrics) {
    if (!Loopback.is(cluster.host())) {
      LOG.warn("The cluster listens on {} (beyond loopback): Hazelcast and the event bus have no authentication,"
          + " so let only the cluster's members reach their ports (a private network, security groups)", cluster.host());
    }
    VertxOptions options = new VertxOptions(base).setEventBusOptions(new EventBusOptions()
        .setHost(cluster.host())
        .setClusterPublicHost(cluster.advertisedHost())
        .setPort(0)); // any free port: several JVMs may share a host
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
    return metrics.configure(Vertx.builder(), options)
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> new Member(metrics.attach(vertx), () -> OptionalInt.of(manager.getNodes().size())));
  }

  /** The XML file's settings, then the TaskOverflow cluster settings over them. */
  static Config hazelcastConfig(ClusterConfig cluster) {
    System.setProperty("hazelcast.logging.type", "slf4j"); // before Hazelcast logs its first line
    Config config = load(cluster.configFile());
    config.setClusterName(cluster.name());
    // Without this Hazelcast still listens on every interface, whatever the interface list says.
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true);
    network.setPublicAddress(cluster.advertisedHost().equals(cluster.host()) ? null : cluster.advertisedHost());
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());

    JoinConfig join = network.getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    if (cluster.discovery() == ClusterConfig.Discovery.AWS) {
      // On ECS (or EC2) the members are the tasks Hazelcast finds through the AWS APIs, with the
      // task role's permissions (deploy/terraform); the members list is not used.
      join.getTcpIpConfig().setEnabled(false);
      join.getAwsConfig().setEnabled(true).setProperty("hz-port", cluster.port() + "-" + (cluster.port() + 20));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(MemberAddresses.resolve(cluster.members()));
    }
    return config;
  }

  private static Config load(String configFile) {
    if (configFile == null || configFile.isBlank()) {
      return new ClasspathXmlConfig(BUILT_IN_CONFIG);
    }
    try {
      return new FileSystemXmlConfig(configFile);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("cluster.config-file " + configFile + " not found", e);
    }
  }
}
