package io.logdex.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Beam's option parser speaks to programmers ("Class interface io.logdex.pipelines.
 * LogdexBuildOptions missing a property named 'x'", "Cannot deserialize value of type
 * `java.lang.Long` from String ..."); {@code build} passes unknown options through to it, so its
 * refusals are reworded here into the CLI's own words ("unknown option --x").
 */
final class BeamOptionWords {
  private static final Pattern MISSING =
      Pattern.compile("missing a property named '([^']+)'\\.?(?: Did you mean '([^']+)'\\?)?");
  private static final Pattern BAD_VALUE =
      Pattern.compile("Cannot deserialize value of type `([^`]+)` from [A-Za-z]+ \"([^\"]*)\"");

  private BeamOptionWords() {}

  /** The refusal in words; args are the options given, to name the one a bad value came from. */
  static String of(String message, List<String> args) {
    if (message == null) return "the options are not valid";
    Matcher m = MISSING.matcher(message);
    if (m.find()) {
      return "unknown option --" + m.group(1) + (m.group(2) == null ? "" : " (did you mean --" + m.group(2) + "?)");
    }
    m = BAD_VALUE.matcher(message);
    if (m.find()) {
      String value = m.group(2);
      String option = "an option";
      for (String a : args) {
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0 && a.substring(eq + 1).equals(value)) {
          option = a.substring(0, eq);
          break;
        }
      }
      return option + " takes " + typeInWords(m.group(1)) + ", got: " + value;
    }
    return message;
  }

  private static String typeInWords(String javaType) {
    String t = javaType.substring(javaType.lastIndexOf('.') + 1);
    switch (t) {
      case "Long": case "long": case "Integer": case "int": case "Short": case "short":
        return "a whole number";
      case "Boolean": case "boolean":
        return "true or false";
      case "Double": case "double": case "Float": case "float":
        return "a number";
      default:
        return "another kind of value";
    }
  }
}
