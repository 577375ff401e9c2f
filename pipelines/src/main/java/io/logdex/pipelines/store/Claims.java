package io.logdex.pipelines.store;

import io.logdex.transforms.BuildFailedException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a generation's claim ({@code gNNNNNN.claim}) says, and how a build that lost a race for an
 * output fails: the same on every store.
 */
final class Claims {
  /** A claim's line naming its build's scratch prefix; only a logdex scratch name is ever deleted. */
  private static final Pattern SCRATCH =
      Pattern.compile("(?m)^scratch (\\S+/logdex-g\\d{6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)$");

  private Claims() {}

  /** The body of a claim by a build whose scratch prefix is scratchUrl. */
  static byte[] body(String scratchUrl) {
    return ("claimed by a logdex build\nscratch " + scratchUrl + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The scratch prefix a claim names, or null (a claim cut short names none). */
  static String scratchOf(byte[] claim) {
    Matcher m = SCRATCH.matcher(new String(claim, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  /** The failure of a build that finds its generation's number taken. */
  static BuildFailedException taken(String url, String generation, String previous) {
    return new BuildFailedException("build failed, nothing committed: generation " + generation + " of " + url
        + " is claimed by another build; the output keeps its committed generation"
        + (previous == null ? "" : " " + previous));
  }

  /** The failure of a build whose commit another build's came before. */
  static BuildFailedException overtaken(String url, String generation) {
    return new BuildFailedException("build failed, nothing committed: another build committed to " + url
        + " while this one ran; its generation " + generation + " was removed");
  }
}
