package com.taskoverflow.http;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies read strictly: well-formed UTF-8 only (no overlong forms, no CESU-8 surrogates) and
 * no key twice in one object, so that what a client meant and what is stored cannot differ.
 */
final class StrictJson {

  private StrictJson() {
  }

  /** The value {@code body} holds: a JsonObject, JsonArray, String, Number, Boolean or null. */
  static Object decode(Buffer body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes())).toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("Request body is not valid UTF-8");
    }
    try (JsonParser parser = JacksonCodec.createParser(text)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      throw ApiError.badRequest(e.getMessage() != null && e.getMessage().contains("Duplicate field")
          ? "Malformed JSON: a key appears twice in one object" : "Malformed JSON");
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("Malformed JSON");
    }
  }
}
