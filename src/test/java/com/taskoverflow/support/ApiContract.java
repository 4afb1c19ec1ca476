package com.taskoverflow.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the service serves, as the API tests hold every answer to it: a JSON answer
 * to a documented call must match its schema (vertx-openapi's validator), any answer must have a
 * documented status.
 */
public final class ApiContract {

  public static final String DOCUMENT = "src/main/resources/openapi.yaml";
  private static OpenAPIContract contract;
  private static ResponseValidator validator;

  private ApiContract() {
  }

  public static synchronized OpenAPIContract contract() {
    if (contract == null) {
      Vertx vertx = Vertx.vertx();
      try {
        JsonObject document = new JsonObject(new Yaml().<Map<String, Object>>load(Files.readString(Path.of(DOCUMENT))));
        contract = OpenAPIContract.from(vertx, validatable(document))
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the OpenAPI document does not load: " + e, e);
      }
      validator = ResponseValidator.create(vertx, contract);
    }
    return contract;
  }

  /**
   * The document as vertx-openapi's validator takes it: it refuses media types it cannot validate
   * (text/calendar, text/event-stream, text/html, application/yaml), so those bodies are declared
   * as octets here; their content types are checked by the tests that read them.
   */
  private static JsonObject validatable(JsonObject document) {
    JsonObject copy = document.copy();
    copy.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
      if (operation.getValue() instanceof JsonObject op && op.containsKey("responses")) {
        op.getJsonObject("responses").forEach(response -> {
          JsonObject content = response.getValue() instanceof JsonObject r ? r.getJsonObject("content") : null;
          if (content != null) {
            for (String type : Set.copyOf(content.fieldNames())) {
              if (!MediaType.isMediaTypeSupported(type)) {
                content.put(MediaType.APPLICATION_OCTET_STREAM, content.remove(type));
              }
            }
          }
        });
      }
    }));
    return copy;
  }

  /** Fails with the validator's reason when a documented call's answer is not what the document says. */
  public static void check(String method, String path, int status, String contentType, String body) {
    Operation operation = contract().findOperation(path, HttpMethod.valueOf(method));
    if (operation == null) {
      return; // not an API call (a path that does not exist, say): nothing to hold it to
    }
    boolean documented = operation.getResponse(status) != null || operation.getDefaultResponse() != null;
    if (!documented) {
      throw new AssertionError(method + " " + path + " answered " + status + ", which " + operation.getOperationId()
          + " does not document");
    }
    if (contentType == null || !contentType.startsWith("application/json") || body.isEmpty()) {
      return;
    }
    try {
      validator.validate(ValidatableResponse.create(status, Map.of(), Buffer.buffer(body), "application/json"),
          operation.getOperationId()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable reason = e.getCause() == null ? e : e.getCause();
      String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
      throw new AssertionError(method + " " + path + " answered " + status + " " + shown + ", against "
          + operation.getOperationId() + ": " + reason.getMessage(), reason);
    }
  }
}
