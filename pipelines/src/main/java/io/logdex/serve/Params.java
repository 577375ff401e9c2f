package io.logdex.serve;

import io.logdex.format.Elide;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, decoded as UTF-8 and checked: an unknown or repeated name, a
 * malformed escape or a number out of range is a 400 naming it.
 */
final class Params {
  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  static Params parse(String rawQuery, Set<String> known) throws Api.HttpError {
    Map<String, String> v = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!known.contains(name)) throw new Api.HttpError(400, "unknown parameter " + oneLine(name));
        if (v.put(name, value) != null) throw new Api.HttpError(400, "parameter " + name + " given twice");
      }
    }
    return new Params(v);
  }

  /** %-escapes and '+' decoded, then the bytes read as strict UTF-8: invalid UTF-8 is a 400, not U+FFFD. */
  private static String decode(String s) throws Api.HttpError {
    ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
        if (lo < 0) throw new Api.HttpError(400, "malformed %-escape in " + oneLine(s));
        b.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+') {
        b.write(' ');
      } else if (c < 0x80) {
        b.write(c);
      } else {
        throw new Api.HttpError(400, "a query string holds only ASCII; escape other characters as %-encoded UTF-8");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new Api.HttpError(400, "a parameter is not valid UTF-8 once %-decoded");
    }
  }

  String get(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  /** A whole number within [min, max]; dflt when absent. */
  long number(String name, long dflt, long min, long max) throws Api.HttpError {
    String s = values.get(name);
    if (s == null) return dflt;
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new Api.HttpError(400, name + " takes a whole number, got: " + oneLine(s));
    }
    if (n < min || n > max) throw new Api.HttpError(400, name + " must be between " + min + " and " + max + ", got " + n);
    return n;
  }

  /** s on one line, elided in the middle, for echoing what a request held. */
  static String oneLine(String s) {
    return Elide.forMessage(s, Elide.DEFAULT_MAX_BYTES);
  }
}
