package io.logdex.cli;

import io.logdex.pipelines.store.Locations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name=value}, {@code --flag} and positional arguments. A lone {@code -} is positional
 * (stdin). Options not declared by the command are a usage error rather than silently ignored,
 * except where a command passes everything unknown through (Beam pipeline options). Every command
 * takes the AWS options of {@link Locations#OPTION_NAMES}, for its s3:// locations.
 */
public final class Args {
  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();
  private final List<String> passThrough = new ArrayList<>();

  private Args() {}

  /**
   * @param known option names this command understands (without dashes)
   * @param passUnknown when true, unknown {@code --x=y} options are kept for {@link #passThrough()}
   */
  public static Args parse(List<String> argv, Set<String> known, boolean passUnknown) {
    Args a = new Args();
    boolean onlyPositional = false;
    for (String s : argv) {
      if (onlyPositional || !s.startsWith("--") || s.equals("-")) {
        if (!onlyPositional && s.equals("--")) {
          onlyPositional = true;
          continue;
        }
        a.positional.add(s);
        continue;
      }
      if (s.equals("--")) {
        onlyPositional = true;
        continue;
      }
      int eq = s.indexOf('=');
      String name = eq < 0 ? s.substring(2) : s.substring(2, eq);
      String value = eq < 0 ? null : s.substring(eq + 1);
      if (!known.contains(name) && (passUnknown || !Locations.OPTION_NAMES.contains(name))) {
        if (passUnknown) {
          a.passThrough.add(s);
          continue;
        }
        throw new UsageException("unknown option --" + name);
      }
      a.options.put(name, value);
    }
    return a;
  }

  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** True for {@code --name} or {@code --name=true}. */
  public boolean flag(String name) {
    if (!options.containsKey(name)) return false;
    String v = options.get(name);
    if (v == null || v.equals("true")) return true;
    if (v.equals("false")) return false;
    throw new UsageException("--" + name + " takes no value (or true/false), got: " + v);
  }

  public String get(String name, String dflt) {
    String v = options.get(name);
    if (options.containsKey(name) && v == null) throw new UsageException("--" + name + " needs a value");
    return v == null ? dflt : v;
  }

  public String require(String name) {
    String v = get(name, null);
    if (v == null) throw new UsageException("missing --" + name);
    return v;
  }

  public long getLong(String name, long dflt) {
    String v = get(name, null);
    if (v == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " takes a whole number, got: " + v);
    }
  }

  public List<String> positional() {
    return positional;
  }

  /** The one positional argument a command takes; a usage error otherwise. */
  public String onePositional(String what) {
    if (positional.size() != 1) {
      throw new UsageException("expected one " + what + ", got " + positional.size());
    }
    return positional.get(0);
  }

  public List<String> passThrough() {
    return passThrough;
  }
}
