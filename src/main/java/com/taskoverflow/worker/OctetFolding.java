package com.taskoverflow.worker;

/** RFC 5545 §3.1 line folding: at most 75 octets a line, never inside a UTF-8 sequence, CRLF ends. */
final class OctetFolding {

  static final int MAX_OCTETS = 75;

  private OctetFolding() {
  }

  /** Re-folds every content line of {@code text}, undoing any folding already there. */
  static String fold(String text) {
    String unfolded = text.replaceAll("\r?\n[ \t]", "");
    StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 64);
    for (String line : unfolded.split("\r?\n")) {
      foldLine(line, out);
    }
    return out.toString();
  }

  private static void foldLine(String line, StringBuilder out) {
    int lineOctets = 0;
    int limit = MAX_OCTETS;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      int octets = utf8Length(codePoint);
      if (lineOctets + octets > limit) {
        out.append("\r\n ");
        lineOctets = 0;
        limit = MAX_OCTETS - 1; // continuation lines start with the folding space
      }
      out.appendCodePoint(codePoint);
      lineOctets += octets;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
