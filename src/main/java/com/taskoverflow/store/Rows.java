package com.taskoverflow.store;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.Todo;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reading the rows a statement returns as values. */
final class Rows {

  private Rows() {
  }

  /** The one row a by-key statement returns, if any. */
  static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next()));
  }

  /** A todo as a calendar shows it, from a row with its id, title, description and deadline. */
  static CalendarEntry calendarEntry(Row row) {
    return new CalendarEntry.Value(row.getLong(Todo.ID), row.getString("title"), row.getString("description"),
        row.getLocalDateTime("deadline_at"));
  }

  static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> values = new ArrayList<>(rows.size());
    rows.forEach(row -> values.add(mapper.apply(row)));
    return values;
  }
}
