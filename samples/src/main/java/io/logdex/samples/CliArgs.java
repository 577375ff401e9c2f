package io.logdex.samples;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --name=value} options of one subcommand. Unknown, repeated or malformed options are usage
 * errors, so a typo never silently falls back to a default and generates something else.
 */
final class CliArgs {
  private final Map<String, String> values = new TreeMap<>();
  private final boolean help;

  private CliArgs(boolean help) {
    this.help = help;
  }

  static CliArgs parse(String[] args, int from, Set<String> allowed) {
    boolean help = false;
    Map<String, String> seen = new TreeMap<>();
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
        continue;
      }
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 3) {
        throw new UsageException("expected --name=value, got '" + a + "'");
      }
      String name = a.substring(2, eq);
      if (!allowed.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      if (seen.put(name, a.substring(eq + 1)) != null) {
        throw new UsageException("option --" + name + " given twice");
      }
    }
    CliArgs parsed = new CliArgs(help);
    parsed.values.putAll(seen);
    return parsed;
  }

  boolean help() {
    return help;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String require(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("missing --" + name);
    }
    return v;
  }

  long count(String name, long fallback) {
    String v = values.get(name);
    return v == null ? fallback : parseCount(name, v);
  }

  long size(String name, long fallback) {
    String v = values.get(name);
    return v == null ? fallback : parseSize(name, v);
  }

  /** A non-negative integer; underscores may group digits (5_000_000). */
  static long parseCount(String name, String v) {
    String digits = v.replace("_", "");
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new UsageException("--" + name + " must be a non-negative integer, got '" + v + "'");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " is too large: '" + v + "'");
    }
  }

  /** Bytes: an integer with an optional binary suffix k, m, g or t (also kb/kib...), case-insensitive. */
  static long parseSize(String name, String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    int shift = 0;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'k':
          shift = 10;
          break;
        case 'm':
          shift = 20;
          break;
        case 'g':
          shift = 30;
          break;
        case 't':
          shift = 40;
          break;
        default:
          shift = 0;
      }
    }
    if (shift > 0) {
      s = s.substring(0, s.length() - 1);
    }
    long n;
    try {
      n = parseCount(name, s);
    } catch (UsageException e) {
      throw new UsageException("--" + name + " must be a size such as 1g, 200m, 64k or 4096, got '" + v + "'");
    }
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new UsageException("--" + name + " is too large: '" + v + "'");
    }
    return n << shift;
  }
}
