package com.taskoverflow.http;

import com.taskoverflow.bus.Todo;
import com.taskoverflow.bus.TodoDraft;
import com.taskoverflow.bus.TodoPatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Set;

/**
 * Validates a todo sent by a client and normalises it for the store: deadlines in UTC at whole
 * seconds, nothing else changed. Every rule of the API contract lives here.
 */
final class TodoInput {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 4000;
  private static final Set<String> READ_ONLY = Set.of(Todo.ID, Todo.CREATED_AT, Todo.UPDATED_AT);

  private TodoInput() {
  }

  /** A complete new todo: title required, the rest defaulted. */
  static TodoDraft forCreate(Buffer body) {
    TodoPatch fields = validate(parseObject(body));
    if (!fields.setsTitle()) {
      throw ApiError.badRequest(Todo.TITLE + " is required");
    }
    return new TodoDraft.Value(fields.title(), fields.description(), Boolean.TRUE.equals(fields.completed()),
        fields.deadlineAt());
  }

  /** Only the fields present, each valid. */
  static TodoPatch forUpdate(Buffer body) {
    return validate(parseObject(body));
  }

  private static JsonObject parseObject(Buffer body) {
    if (body == null || body.length() == 0) {
      throw ApiError.badRequest("Request body must be a JSON object");
    }
    Object value = StrictJson.decode(body);
    if (!(value instanceof JsonObject object)) {
      throw ApiError.badRequest("Request body must be a JSON object");
    }
    return object;
  }

  private static TodoPatch validate(JsonObject input) {
    TodoPatch valid = TodoPatch.NONE;
    for (Map.Entry<String, Object> field : input) {
      String name = field.getKey();
      Object value = field.getValue();
      if (READ_ONLY.contains(name)) {
        throw ApiError.badRequest(name + " is read-only");
      }
      valid = switch (name) {
        case Todo.TITLE -> valid.withTitle(title(value));
        case Todo.DESCRIPTION -> valid.withDescription(value == null ? null : text(name, value, MAX_DESCRIPTION));
        case Todo.COMPLETED -> valid.withCompleted(completed(value));
        case Todo.DEADLINE_AT -> valid.withDeadline(value == null ? null : deadline(value));
        default -> throw ApiError.badRequest("Unknown field: " + name);
      };
    }
    return valid;
  }

  private static String title(Object value) {
    String title = text(Todo.TITLE, value, MAX_TITLE);
    if (title.isBlank()) {
      throw ApiError.badRequest(Todo.TITLE + " must not be empty");
    }
    return title;
  }

  private static Boolean completed(Object value) {
    if (!(value instanceof Boolean completed)) {
      throw ApiError.badRequest(Todo.COMPLETED + " must be true or false");
    }
    return completed;
  }

  private static String text(String name, Object value, int maxLength) {
    if (!(value instanceof String text)) {
      throw ApiError.badRequest(name + " must be a string");
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      throw ApiError.badRequest(name + " must be at most " + maxLength + " characters");
    }
    checkStorable(name, text);
    return text;
  }

  /**
   * PostgreSQL text cannot hold NUL, and a lone surrogate is not Unicode text. Other control
   * characters are kept as sent (the contract: any Unicode); calendars leave them out.
   */
  private static void checkStorable(String name, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw ApiError.badRequest(name + " must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiError.badRequest(name + " contains an unpaired UTF-16 surrogate");
      }
    }
  }

  /** ISO-8601 date-time; no offset means UTC; converted to UTC and cut to whole seconds. */
  static LocalDateTime deadline(Object value) {
    if (!(value instanceof String text)) {
      throw ApiError.badRequest(Todo.DEADLINE_AT + " must be an ISO-8601 date-time string or null");
    }
    LocalDateTime utc;
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.trim(),
          OffsetDateTime::from, LocalDateTime::from);
      utc = parsed instanceof OffsetDateTime withOffset
          ? withOffset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
          : (LocalDateTime) parsed;
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiError.badRequest(Todo.DEADLINE_AT + " must be an ISO-8601 date-time, e.g. 2023-02-27T00:00:00");
    }
    if (utc.getYear() < 1 || utc.getYear() > 9999) {
      throw ApiError.badRequest(Todo.DEADLINE_AT + " must fall between the years 1 and 9999");
    }
    return utc.truncatedTo(ChronoUnit.SECONDS);
  }
}
