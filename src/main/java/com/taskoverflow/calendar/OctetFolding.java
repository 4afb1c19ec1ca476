package com.taskoverflow.calendar;

/** RFC 5545 §3.1 line folding: at most 75 octets a line, never inside a UTF-8 sequence, CRLF ends. */
final class OctetFolding {

  static final int MAX_OCTETS = 75;

  private OctetFolding() {
  }

  /** Re-folds every content line of {@code text}, undoing any folding already there. */
  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length() + text.length() / 64);
    fold(text, out);
    return out.toString();
  }

  /**
   * {@link #fold(String)} of any text, appending to {@code out}. One pass, no regular expressions (they were a
   * fifth of a calendar job's CPU): a line break followed by a space or tab is a fold, joined; any
   * other ends a line. Empty lines at the end are dropped, as {@code String.split} drops them. A CR
   * comes only in CRLF here (CalendarWriter turns a value's CRs into line breaks).
   */
  static void fold(CharSequence text, StringBuilder out) {
    StringBuilder line = new StringBuilder(128);
    int emptyLinesHeld = 0;
    boolean broken = false;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      int next = c == '\n' ? i + 1 : c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n' ? i + 2 : -1;
      if (next < 0) {
        line.append(c);
        continue;
      }
      i = next - 1;
      if (next < length && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
        i = next; // the fold and its one whitespace character go
        continue;
      }
      broken = true;
      if (line.length() == 0) {
        emptyLinesHeld++;
        continue;
      }
      for (; emptyLinesHeld > 0; emptyLinesHeld--) {
        out.append("\r\n");
      }
      foldLine(line, out);
      line.setLength(0);
    }
    if (line.length() > 0 || !broken) {
      for (; emptyLinesHeld > 0; emptyLinesHeld--) {
        out.append("\r\n");
      }
      foldLine(line, out);
    }
  }

  private static void foldLine(CharSequence line, StringBuilder out) {
    int lineOctets = 0;
    int limit = MAX_OCTETS;
    for (int i = 0; i < line.length(); ) {
      int codePoint = Character.codePointAt(line, i);
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
