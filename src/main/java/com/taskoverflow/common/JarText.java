package com.taskoverflow.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text files that ship in the jar (Lua scripts, migrations, the API description), read through
 * the class loader on a worker thread. Not through Vert.x's file system: to read one file of the
 * jar, that copies every file under its first folder to a cache directory in /tmp, which for
 * {@code com/} was 10,702 files and 63 MB, and seconds of CPU, at every start.
 */
public final class JarText {

  private JarText() {
  }

  public static Future<String> read(Vertx vertx, String path) {
    return vertx.executeBlocking(() -> {
      try (InputStream in = JarText.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new FileNotFoundException(path + " is not in the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }, false);
  }
}
