package com.taskoverflow.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass folding does what unfolding and splitting with regular expressions did, on any text
 * without a bare CR (a CR comes only in CRLF: CalendarWriter turns a value's CRs into line breaks).
 */
class OctetFoldingTest {

  private static final Pattern UNFOLD = Pattern.compile("\r?\n[ \t]");
  private static final Pattern LINE_END = Pattern.compile("\r?\n");
  private static final String[] PIECES = {"a", "Z", ":", ";", "é", "€", "😀", "\n", "\r\n", " ", "\t", "x".repeat(80)};

  /** The folding as it was written first: unfold, split into lines, fold each. */
  private static String byRegularExpressions(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : LINE_END.split(UNFOLD.matcher(text).replaceAll(""))) {
      foldOneLine(line, out);
    }
    return out.toString();
  }

  /** One line folded code point by code point, as it was written first. */
  private static void foldOneLine(String line, StringBuilder out) {
    int lineOctets = 0;
    int limit = OctetFolding.MAX_OCTETS;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      int octets = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (lineOctets + octets > limit) {
        out.append("\r\n ");
        lineOctets = 0;
        limit = OctetFolding.MAX_OCTETS - 1;
      }
      out.appendCodePoint(codePoint);
      lineOctets += octets;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }

  @Test
  void foldsAsUnfoldingAndSplittingDid() {
    Random random = new Random(6400);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int pieces = random.nextInt(12); pieces > 0; pieces--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String input = text.toString();
      assertEquals(byRegularExpressions(input), OctetFolding.fold(input), () -> "input " + input.replace("\r", "\\r")
          .replace("\n", "\\n").replace("\t", "\\t"));
    }
  }

  @Test
  void edgeCases() {
    assertEquals("\r\n", OctetFolding.fold(""));
    assertEquals("", OctetFolding.fold("\r\n\n"));
    assertEquals("A\r\n\r\nB\r\n", OctetFolding.fold("A\r\n\r\nB\r\n\r\n"));
    assertEquals("AB\r\n", OctetFolding.fold("A\r\n B"));
  }
}
