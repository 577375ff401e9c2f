package io.logdex.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks, before a build starts, that every input pattern names at least one file. The planner
 * refuses such a build too (an empty build would replace a good index with nothing), but only
 * after it has locked and made the output directory, and it cannot say which option held the
 * pattern: here the message is {@code no input matches --oplogs=nothing*}.
 */
final class InputPatterns {
  private InputPatterns() {}

  /**
   * Throws a FileNotFoundException naming the first of specs that matches no file (exit 2, as
   * for any input that is not there). With
   * snapshots, a spec is {@code GLOB[@COMMIT]}: it matches when either the whole spec or the part
   * before its last {@code @} does (the planner decides which it is).
   */
  static void requireMatches(String option, List<String> specs, boolean commitSuffix) throws IOException {
    for (String spec : specs) {
      try {
        if (matches(spec)) continue;
        int at = spec.lastIndexOf('@');
        if (commitSuffix && at > 0 && matches(spec.substring(0, at))) continue;
      } catch (IllegalArgumentException e) {
        // A malformed glob ("x[") or a scheme no file system here reads ("s3://" without its jar).
        String why = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
        throw new UsageException("cannot read --" + option + "=" + Main.oneLine(spec) + ": " + why);
      }
      throw new FileNotFoundException("no input matches --" + option + "=" + Main.oneLine(spec));
    }
  }

  private static boolean matches(String pattern) throws IOException {
    MatchResult r = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    if (r.status() == MatchResult.Status.NOT_FOUND) return false;
    for (MatchResult.Metadata m : r.metadata()) {
      if (!m.resourceId().isDirectory()) return true;
    }
    return false;
  }
}
