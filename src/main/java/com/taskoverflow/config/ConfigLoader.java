package com.taskoverflow.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration in three layers, each overriding the one before: the defaults packaged
 * in the jar, the deployment file ({@code conf/config.yaml} unless {@code TASKOVERFLOW_CONFIG}
 * names another), then the {@code TASKOVERFLOW_*} environment variables.
 */
public final class ConfigLoader {

  public static final String CONFIG_FILE_VARIABLE = "TASKOVERFLOW_CONFIG";
  public static final String DEFAULT_CONFIG_FILE = "conf/config.yaml";
  /** text or json: read by logback.xml, not by this loader, and named here with the others. */
  public static final String LOG_FORMAT_VARIABLE = "TASKOVERFLOW_LOG_FORMAT";

  /** Environment variable → dotted path in the configuration tree. */
  static final Map<String, String> ENVIRONMENT = Map.ofEntries(
      Map.entry("TASKOVERFLOW_ROLES", "roles"),
      Map.entry("TASKOVERFLOW_REQUEST_TIMEOUT_MS", "request-timeout-ms"),
      Map.entry("TASKOVERFLOW_EVENT_LOOPS", "event-loops"),
      Map.entry("TASKOVERFLOW_HTTP_PORT", "http.port"),
      Map.entry("TASKOVERFLOW_HTTP_HOST", "http.host"),
      Map.entry("TASKOVERFLOW_HTTP_INSTANCES", "http.instances"),
      Map.entry("TASKOVERFLOW_ADMIN_TOKEN", "http.admin-token"),
      Map.entry("TASKOVERFLOW_HTTP_TRUSTED_PROXIES", "http.trusted-proxies"),
      Map.entry("TASKOVERFLOW_HTTP_ALLOWED_HOSTS", "http.allowed-hosts"),
      Map.entry("TASKOVERFLOW_HTTP_CORS_ORIGINS", "http.cors-origins"),
      Map.entry("TASKOVERFLOW_HTTP_IDLE_TIMEOUT_MS", "http.idle-timeout-ms"),
      Map.entry("TASKOVERFLOW_HTTP_MAX_CONNECTIONS", "http.max-connections"),
      Map.entry("TASKOVERFLOW_HTTP_MAX_EVENT_STREAMS", "http.max-event-streams"),
      Map.entry("TASKOVERFLOW_HTTP_HEADER_TIMEOUT_MS", "http.header-timeout-ms"),
      Map.entry("TASKOVERFLOW_HTTP_H2C", "http.h2c"),
      Map.entry("TASKOVERFLOW_HTTP_STATUS_CACHE_SIZE", "http.status-cache-size"),
      Map.entry("TASKOVERFLOW_AUTH_MODE", "auth.mode"),
      Map.entry("TASKOVERFLOW_AUTH_ISSUER", "auth.issuer"),
      Map.entry("TASKOVERFLOW_AUTH_AUDIENCE", "auth.audience"),
      Map.entry("TASKOVERFLOW_AUTH_AUDIENCE_CLAIM", "auth.audience-claim"),
      Map.entry("TASKOVERFLOW_AUTH_CLIENT_ID", "auth.client-id"),
      Map.entry("TASKOVERFLOW_AUTH_SCOPES", "auth.scopes"),
      Map.entry("TASKOVERFLOW_AUTH_ADMIN_ROLE", "auth.admin-role"),
      Map.entry("TASKOVERFLOW_AUTH_ROLES_CLAIM", "auth.roles-claim"),
      Map.entry("TASKOVERFLOW_AUTH_LEEWAY_SECONDS", "auth.leeway-seconds"),
      Map.entry("TASKOVERFLOW_AUTH_SHARED_OWNER", "auth.shared-owner"),
      Map.entry("TASKOVERFLOW_AUTH_FEED_SECRET", "auth.feed-secret"),
      Map.entry("TASKOVERFLOW_PG_URL", "postgres.url"),
      Map.entry("TASKOVERFLOW_PG_POOL_SIZE", "postgres.pool-size"),
      Map.entry("TASKOVERFLOW_PG_DEFAULT_URL", "postgres.default-url"),
      Map.entry("TASKOVERFLOW_PG_DATA_DIR", "postgres.embedded-data-dir"),
      Map.entry("TASKOVERFLOW_REDIS_DEFAULT_URL", "redis.default-url"),
      Map.entry("TASKOVERFLOW_EMBEDDED", "embedded.enabled"),
      Map.entry("TASKOVERFLOW_REDIS_URL", "redis.url"),
      Map.entry("TASKOVERFLOW_REDIS_KEY_PREFIX", "redis.key-prefix"),
      Map.entry("TASKOVERFLOW_BROKER", "broker"),
      Map.entry("TASKOVERFLOW_SQS_QUEUE", "sqs.queue"),
      Map.entry("TASKOVERFLOW_SQS_DEAD_LETTER_QUEUE", "sqs.dead-letter-queue"),
      Map.entry("TASKOVERFLOW_SQS_MAX_RECEIVES", "sqs.max-receives"),
      Map.entry("TASKOVERFLOW_SQS_CREATE_QUEUES", "sqs.create-queues"),
      Map.entry("TASKOVERFLOW_SQS_ENDPOINT", "sqs.endpoint"),
      Map.entry("TASKOVERFLOW_WORKER_CONCURRENCY", "worker.concurrency"),
      Map.entry("TASKOVERFLOW_WORKER_BUILDER_THREADS", "worker.builder-threads"),
      Map.entry("TASKOVERFLOW_WORKER_LARGE_EXPORTS", "worker.large-exports"),
      Map.entry("TASKOVERFLOW_WORKER_VISIBILITY_TIMEOUT_MS", "worker.visibility-timeout-ms"),
      Map.entry("TASKOVERFLOW_WORKER_HEARTBEAT_MS", "worker.heartbeat-ms"),
      Map.entry("TASKOVERFLOW_WORKER_DEAD_AFTER_MS", "worker.dead-after-ms"),
      Map.entry("TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "worker.simulated-work-ms"),
      Map.entry("TASKOVERFLOW_WORKER_SHUTDOWN_GRACE_MS", "worker.shutdown-grace-ms"),
      Map.entry("TASKOVERFLOW_JOBS_MAX_ATTEMPTS", "jobs.max-attempts"),
      Map.entry("TASKOVERFLOW_JOBS_RETRY_BASE_MS", "jobs.retry-base-ms"),
      Map.entry("TASKOVERFLOW_JOBS_RETRY_MAX_MS", "jobs.retry-max-ms"),
      Map.entry("TASKOVERFLOW_JOBS_TIMEOUT_MS", "jobs.timeout-ms"),
      Map.entry("TASKOVERFLOW_JOBS_RETENTION_MS", "jobs.retention-ms"),
      Map.entry("TASKOVERFLOW_JOBS_DEAD_LETTER_RETENTION_MS", "jobs.dead-letter-retention-ms"),
      Map.entry("TASKOVERFLOW_JOBS_SWEEP_INTERVAL_MS", "jobs.sweep-interval-ms"),
      Map.entry("TASKOVERFLOW_JOBS_MAX_QUEUED", "jobs.max-queued"),
      Map.entry("TASKOVERFLOW_HTTP_SUBMIT_RATE", "http.submit-rate"),
      Map.entry("TASKOVERFLOW_CLUSTER_ENABLED", "cluster.enabled"),
      Map.entry("TASKOVERFLOW_CLUSTER_NAME", "cluster.name"),
      Map.entry("TASKOVERFLOW_CLUSTER_HOST", "cluster.host"),
      Map.entry("TASKOVERFLOW_CLUSTER_PUBLIC_HOST", "cluster.public-host"),
      Map.entry("TASKOVERFLOW_CLUSTER_PORT", "cluster.port"),
      Map.entry("TASKOVERFLOW_CLUSTER_DISCOVERY", "cluster.discovery"),
      Map.entry("TASKOVERFLOW_CLUSTER_MEMBERS", "cluster.members"),
      Map.entry("TASKOVERFLOW_CLUSTER_CONFIG", "cluster.config-file"));

  private ConfigLoader() {
  }

  /** The merged configuration tree; {@code configFile} null means the default location. */
  public static Future<JsonObject> load(Vertx vertx, String configFile) {
    String file = configFile != null ? configFile
        : System.getenv().getOrDefault(CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE);
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(-1)
        .addStore(yaml("defaults.yaml", false))
        // an explicitly named file must exist; the default one may be absent
        .addStore(yaml(file, configFile == null && System.getenv(CONFIG_FILE_VARIABLE) == null))
        .addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject()
            .put("keys", new JsonArray(List.copyOf(ENVIRONMENT.keySet())))
            .put("raw-data", true)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .map(ConfigLoader::applyEnvironment)
        .eventually(retriever::close);
  }

  private static ConfigStoreOptions yaml(String path, boolean optional) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml").setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }

  /** Moves each flat {@code TASKOVERFLOW_*} value to its place in the tree, typed like the default. */
  static JsonObject applyEnvironment(JsonObject merged) {
    JsonObject tree = merged.copy();
    ENVIRONMENT.forEach((variable, path) -> {
      Object raw = tree.remove(variable);
      if (raw == null) {
        return;
      }
      String[] keys = path.split("\\.");
      JsonObject parent = tree;
      for (int i = 0; i < keys.length - 1; i++) {
        parent = parent.getJsonObject(keys[i]);
      }
      String leaf = keys[keys.length - 1];
      parent.put(leaf, typedLike(parent.getValue(leaf), raw.toString().trim(), variable));
    });
    return tree;
  }

  private static Object typedLike(Object current, String value, String variable) {
    try {
      if (current instanceof Integer) {
        return Integer.parseInt(value);
      }
      if (current instanceof Long) {
        return Long.parseLong(value);
      }
      if (current instanceof Boolean) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException(variable + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a whole number, got '" + value + "'");
    }
    return value;
  }
}
