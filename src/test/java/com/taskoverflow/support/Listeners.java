package com.taskoverflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP ports a process listens on, read from /proc (Linux). */
public final class Listeners {

  private Listeners() {
  }

  /** "address:port" of every listening socket of the process, addresses as hex from /proc/net/tcp*. */
  public static List<String> of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // the descriptor closed while we looked
        }
      }
    }
    List<String> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        boolean listen = fields[3].equals("0A");
        if (listen && inodes.contains(fields[9])) {
          listening.add(fields[1]);
        }
      }
    }
    return listening;
  }

  /** Loopback in /proc's hex: 127.x.x.x (IPv4, little-endian), ::1, or ::ffff:127.x.x.x. */
  public static boolean isLoopback(String hexAddressAndPort) {
    String address = hexAddressAndPort.split(":")[0];
    if (address.length() == 8) {
      return address.endsWith("7F");
    }
    return address.equals("00000000000000000000000001000000")
        || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F");
  }
}
