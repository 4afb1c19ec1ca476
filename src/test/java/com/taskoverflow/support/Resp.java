package com.taskoverflow.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One Redis command over a plain socket, for tests that must not depend on redis-cli. */
public final class Resp {

  private Resp() {
  }

  /** Sends the command to the server of {@code redisUrl}; answers a simple reply as text. */
  public static String command(String redisUrl, String... args) throws IOException {
    URI uri = URI.create(redisUrl);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String path = uri.getPath();
      if (path != null && path.length() > 1 && !path.equals("/0")) {
        write(out, "SELECT", path.substring(1));
        read(in);
      }
      write(out, args);
      return read(in);
    }
  }

  private static void write(OutputStream out, String... args) throws IOException {
    StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    out.write(command.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A reply as text: errors start with "-", arrays read as [a, b, ...]. */
  private static String read(InputStream in) throws IOException {
    String line = line(in);
    char type = line.charAt(0);
    String rest = line.substring(1);
    if (type == '*') {
      int count = Integer.parseInt(rest);
      List<String> items = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        items.add(read(in));
      }
      return count < 0 ? null : items.toString();
    }
    if (type == '$') {
      int length = Integer.parseInt(rest);
      if (length < 0) {
        return null;
      }
      byte[] bulk = in.readNBytes(length + 2);
      return new String(bulk, 0, length, StandardCharsets.UTF_8);
    }
    return type == '-' ? line : rest;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\r') {
      line.append((char) c);
    }
    in.read(); // \n
    return line.toString();
  }
}
