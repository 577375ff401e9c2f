package io.logdex.cli;

import java.util.List;
import java.util.Map;

/**
 * A command's words as {@link CommandOptions} parsed them: option values by long name (without
 * dashes), positional words in order, and, for {@code build}, the words passed through to Beam.
 */
public final class Args {
  private final Map<String, String> options;
  private final List<String> positional;
  private final List<String> passThrough;

  Args(Map<String, String> options, List<String> positional, List<String> passThrough) {
    this.options = options;
    this.positional = List.copyOf(positional);
    this.passThrough = List.copyOf(passThrough);
  }

  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** True when the flag was given (flags take no value). */
  public boolean flag(String name) {
    return options.containsKey(name);
  }

  public String get(String name, String dflt) {
    String v = options.get(name);
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
