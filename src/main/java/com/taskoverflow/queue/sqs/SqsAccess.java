package com.taskoverflow.queue.sqs;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Where SQS is and who we are there, from the same places the AWS SDK for Java v2 reads: the
 * credentials from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}
 * (the seed's {@code aws.env}), {@code ~/.aws/credentials} or a container's task role; the region
 * from {@code AWS_REGION}; a local SQS from {@code AWS_ENDPOINT_URL_SQS} or {@code AWS_ENDPOINT_URL}.
 * With none of them set, the local SQS on {@link #LOCAL_ENDPOINT} is meant.
 */
public final class SqsAccess implements AutoCloseable {

  public static final String LOCAL_HOST = "127.0.0.1";
  public static final int LOCAL_PORT = 9324;
  public static final URI LOCAL_ENDPOINT = URI.create("http://" + LOCAL_HOST + ":" + LOCAL_PORT);
  /** The Learner Lab's region, and the SDK examples'. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** What a local SQS accepts: it checks no signature. */
  public static final String LOCAL_KEY = "local";

  private static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(2);
  private static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(30);

  private final SqsClient client;
  private final URI endpoint;

  private SqsAccess(SqsClient client, URI endpoint) {
    this.client = client;
    this.endpoint = endpoint;
  }

  /** Whether anything about AWS was set: credentials, an endpoint or a region. */
  public static boolean configured() {
    return credentialsConfigured() || endpoint().isPresent() || region().isPresent();
  }

  /**
   * The client for what was configured; {@code say} gets one line for each default taken. Never
   * reaches for instance metadata: without configured credentials it says what to set.
   */
  public static SqsAccess fromEnvironment(Consumer<String> say) {
    return fromEnvironment(Optional.empty(), say);
  }

  /** The same, with the endpoint given (else the SDK's). */
  public static SqsAccess fromEnvironment(Optional<URI> endpointOverride, Consumer<String> say) {
    if (!credentialsConfigured()) {
      throw new SqsSetupException("No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
          + " (and AWS_SESSION_TOKEN), e.g. with --env-file aws.env, or configure ~/.aws/credentials");
    }
    Optional<URI> endpoint = endpointOverride.or(SqsAccess::endpoint);
    return new SqsAccess(client(regionOrDefault(say), endpoint, DefaultCredentialsProvider.builder().build()),
        endpoint.orElse(null));
  }

  /** The client for a local SQS, which takes any credentials. */
  public static SqsAccess local(URI endpoint, Consumer<String> say) {
    StaticCredentialsProvider any = StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_KEY, LOCAL_KEY));
    return new SqsAccess(client(regionOrDefault(say), Optional.of(endpoint), any), endpoint);
  }

  private static SqsClient client(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    var builder = SqsClient.builder()
        // a long poll waits up to 20 s: reads may take that long, connecting may not
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT))
        .region(Region.of(region))
        .credentialsProvider(credentials);
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public SqsClient client() {
    return client;
  }

  /** Where requests go, as a person would name it. */
  public String where() {
    return endpoint == null ? "AWS SQS" : endpoint.toString();
  }

  /** The URL of a queue by its name; a queue that does not exist, or SQS out of reach, is said so. */
  public String queueUrl(String name) {
    try {
      return client.getQueueUrl(request -> request.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException e) {
      throw new SqsSetupException("Unable to find a Queue by this name " + name);
    } catch (SqsException e) {
      throw new SqsSetupException("SQS refused the request (" + e.awsErrorDetails().errorMessage()
          + "): check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION");
    } catch (SdkClientException e) {
      throw new SqsSetupException("Cannot reach " + where() + " (" + e.getMessage() + "): check AWS_ENDPOINT_URL"
          + " and AWS_REGION, or start a local SQS with `java -jar taskoverflow.jar sqs-local`");
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** Whether something answers on the local SQS port. */
  public static boolean localAnswers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOCAL_HOST, LOCAL_PORT), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String regionOrDefault(Consumer<String> say) {
    return region().orElseGet(() -> {
      say.accept("AWS_REGION is not set: using " + DEFAULT_REGION);
      return DEFAULT_REGION;
    });
  }

  private static Optional<String> region() {
    return first(setting("AWS_REGION", "aws.region"), setting("AWS_DEFAULT_REGION", null));
  }

  private static Optional<URI> endpoint() {
    return first(setting("AWS_ENDPOINT_URL_SQS", "aws.endpointUrlSqs"), setting("AWS_ENDPOINT_URL", "aws.endpointUrl"))
        .map(URI::create);
  }

  /** Credentials the SDK's default chain finds without asking instance metadata. */
  private static boolean credentialsConfigured() {
    // the SDK's home: $HOME before the JVM's user.home
    Path home = Path.of(setting("HOME", "user.home").orElse("."), ".aws");
    return setting("AWS_ACCESS_KEY_ID", "aws.accessKeyId").isPresent()
        || setting("AWS_PROFILE", "aws.profile").isPresent()
        || setting("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null).isPresent()
        || setting("AWS_CONTAINER_CREDENTIALS_FULL_URI", null).isPresent()
        || setting("AWS_WEB_IDENTITY_TOKEN_FILE", null).isPresent()
        || Files.isRegularFile(setting("AWS_SHARED_CREDENTIALS_FILE", null).map(Path::of)
            .orElse(home.resolve("credentials")));
  }

  private static Optional<String> setting(String environment, String property) {
    String value = System.getenv(environment);
    if ((value == null || value.isBlank()) && property != null) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  @SafeVarargs
  private static <T> Optional<T> first(Optional<T>... candidates) {
    for (Optional<T> candidate : candidates) {
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return Optional.empty();
  }
}
