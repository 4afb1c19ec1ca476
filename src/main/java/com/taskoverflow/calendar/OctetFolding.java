package com.taskoverflow.calendar;

import java.util.regex.Pattern;

/** RFC 5545 §3.1 line folding: at most 75 octets a line, never inside a UTF-8 sequence, CRLF ends. */
final class OctetFolding {

  static final int MAX_OCTETS = 75;
  private static final Pattern UNFOLD = Pattern.compile("\r?\n[ \t]");
  private static final Pattern LINE_END = Pattern.compile("\r?\n");

  private OctetFolding() {
  }

  /** Re-folds every content line of {@code text}, undoing any folding already there. */
  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length() + text.length() / 64);
    fold(text, out);
    return out.toString();
  }

  /** {@link #fold(String)}, appending to {@code out}. */
  static void fold(String text, StringBuilder out) {
    String unfolded = UNFOLD.matcher(text).replaceAll("");
    for (String line : LINE_END.split(unfolded)) {
      foldLine(line, out);
    }
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
