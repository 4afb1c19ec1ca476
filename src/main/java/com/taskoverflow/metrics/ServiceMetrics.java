package com.taskoverflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.Set;

/**
 * This JVM's metrics, in Prometheus' registry: Vert.x's own (HTTP requests by route and status,
 * the PostgreSQL pool, the event bus), the JVM's, and the job system's ({@link JobMetrics}).
 * Each Vert.x instance has its own registry, found from the instance, so roles need not pass it.
 */
public final class ServiceMetrics implements Shareable {

  private static final String KEY = "taskoverflow.metrics";

  /** The methods HTTP defines: any other a client makes up is counted as OTHER, not as a label of its own. */
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private ServiceMetrics() {
    // Label values come from what clients send: bounded here, so made-up methods cannot grow a scrape.
    registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_METHOD.toString(),
        method -> KNOWN_METHODS.contains(method) ? method : "OTHER"));
  }

  /** Metrics with a registry of their own: {@link #configure} a Vert.x builder with them, then {@link #attach} it. */
  public static ServiceMetrics create() {
    return new ServiceMetrics();
  }

  /** The builder, set to report Vert.x's metrics (and the JVM's) to this registry. */
  public VertxBuilder configure(VertxBuilder builder, VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
            Label.POOL_NAME, Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE));
    return builder.with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** Makes these metrics the ones {@link #registry(Vertx)} finds for {@code vertx}. */
  public Vertx attach(Vertx vertx) {
    vertx.sharedData().getLocalMap(KEY).put(KEY, this);
    return vertx;
  }

  /**
   * The registry of {@code vertx}'s metrics. A Vert.x that reports none (one a test or an embedding
   * made) still has one plain registry, shared by its roles: the dashboard's figures read it.
   */
  public static MeterRegistry registry(Vertx vertx) {
    var shared = vertx.sharedData().getLocalMap(KEY);
    Object found = shared.get(KEY);
    if (found instanceof ServiceMetrics metrics) {
      return metrics.registry;
    }
    shared.putIfAbsent(PLAIN_KEY, new Plain(new SimpleMeterRegistry()));
    return ((Plain) shared.get(PLAIN_KEY)).registry();
  }

  private static final String PLAIN_KEY = "taskoverflow.metrics.plain";

  private record Plain(MeterRegistry registry) implements Shareable {
  }

  /** {@code GET /metrics}: the Prometheus text of {@code vertx}'s metrics, or null when it reports none. */
  public static Handler<RoutingContext> scraper(Vertx vertx) {
    Object found = vertx.sharedData().getLocalMap(KEY).get(KEY);
    return found instanceof ServiceMetrics metrics ? PrometheusScrapingHandler.create(metrics.registry) : null;
  }
}
