package io.logdex.serve;

import io.logdex.format.Elide;
import java.net.URLDecoder;
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

  private static String decode(String s) throws Api.HttpError {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Api.HttpError(400, "malformed %-escape in " + oneLine(s));
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
