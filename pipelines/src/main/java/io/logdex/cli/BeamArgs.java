package io.logdex.cli;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code build}'s words in the form Beam's option parser takes. {@code PipelineOptionsFactory.fromArgs}
 * reads only {@code --name=value} (a bare {@code --name} is {@code true}); the command line also
 * takes {@code --name value}, joined here wherever that is unambiguous: the next word is not an
 * option, and the property is not a boolean unless that word is {@code true} or {@code false}
 * ({@code --streaming output} stays a flag and a stray word). A name Beam does not know is joined
 * too, so that Beam's refusal names it ("unknown option --x (did you mean --y?)").
 */
final class BeamArgs {
  private BeamArgs() {}

  /** words with {@code --name value} joined; a word left over is a usage error. */
  static List<String> joined(List<String> words) {
    Map<String, Class<?>> types = propertyTypes();
    List<String> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (isBareOption(w) && i + 1 < words.size() && takesAsValue(types.get(w.substring(2)), words.get(i + 1))) {
        out.add(w + "=" + words.get(++i));
      } else if (!w.startsWith("--")) {
        throw new UsageException("unexpected argument " + Main.oneLine(w));
      } else {
        out.add(w);
      }
    }
    return out;
  }

  private static boolean isBareOption(String w) {
    return w.startsWith("--") && w.length() > 2 && w.indexOf('=') < 0;
  }

  private static boolean takesAsValue(Class<?> type, String next) {
    if (type == boolean.class || type == Boolean.class) return next.equals("true") || next.equals("false");
    if (!next.startsWith("-")) return true;
    // "--maxBadRecords -1": a negative number is a value, for a numeric property only.
    return type != null && Number.class.isAssignableFrom(box(type)) && next.matches("-[0-9][0-9.eE+-]*");
  }

  private static Class<?> box(Class<?> t) {
    if (!t.isPrimitive()) return t;
    if (t == int.class) return Integer.class;
    if (t == long.class) return Long.class;
    if (t == double.class) return Double.class;
    if (t == float.class) return Float.class;
    if (t == short.class) return Short.class;
    if (t == byte.class) return Byte.class;
    return t;
  }

  /** Each option Beam knows (every registered options interface), by name, with its type. */
  static Map<String, Class<?>> propertyTypes() {
    Map<String, Class<?>> types = new HashMap<>();
    Set<Class<? extends PipelineOptions>> registered = PipelineOptionsFactory.getRegisteredOptions();
    for (Class<? extends PipelineOptions> iface : registered) {
      for (Method m : iface.getMethods()) {
        if (m.getParameterCount() != 0) continue;
        String n = m.getName();
        String property = n.startsWith("get") && n.length() > 3 ? n.substring(3)
            : n.startsWith("is") && n.length() > 2 ? n.substring(2) : null;
        if (property != null) types.putIfAbsent(Introspector.decapitalize(property), m.getReturnType());
      }
    }
    return types;
  }
}
