package com.taskoverflow.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.Optional;
import java.util.function.Function;

/** Reading the one row a by-key statement returns, if any. */
final class Rows {

  private Rows() {
  }

  static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next()));
  }
}
