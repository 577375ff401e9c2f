package io.logdex.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The object factory of logdex's picocli specifications, in place of picocli's DefaultFactory:
 * loading that class probes for Groovy ({@code Class.forName("groovy.lang.Closure")}), a miss that
 * makes the class loader open every jar on the classpath, 275 of them beside Beam and Flink, the
 * larger part of what picocli added to a short query's start-up (docs/BENCHMARKS.md). logdex's
 * specifications are built in code, so picocli only asks it for the collections of list values.
 */
final class PicocliFactory implements CommandLine.IFactory {
  static final PicocliFactory INSTANCE = new PicocliFactory();

  private PicocliFactory() {}

  /** An empty specification that never touches picocli's DefaultFactory. */
  static CommandSpec spec() {
    return CommandSpec.wrapWithoutInspection(null, INSTANCE);
  }

  static CommandLine commandLine(CommandSpec spec) {
    return new CommandLine(spec, INSTANCE);
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type.isAssignableFrom(ArrayList.class)) return type.cast(new ArrayList<>());
    if (type.isAssignableFrom(LinkedHashSet.class)) return type.cast(new LinkedHashSet<>());
    if (type.isAssignableFrom(LinkedHashMap.class)) return type.cast(new LinkedHashMap<>());
    return type.getDeclaredConstructor().newInstance();
  }
}
