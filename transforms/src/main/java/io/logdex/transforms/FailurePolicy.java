package io.logdex.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a build that read its inputs must still not commit, as BigQuery's {@code maxBadRecords} and
 * Spark's FAILFAST/PERMISSIVE modes decide for their loads. A build fails when
 *
 * <ul>
 *   <li>a snapshot did not parse as a whole (any bad input in it: a snapshot is one document, and
 *       an index of part of it would answer wrongly for the rest);
 *   <li>an input yielded no record (an empty file, a file that is not what its name says, a TSV
 *       whose header matches nothing it holds);
 *   <li>more than {@code maxBadRecordsFraction} of one input's records are bad;
 *   <li>more than {@code maxBadRecords} records of the whole build are bad (negative: no limit).
 * </ul>
 *
 * With {@code --badRecords=fail} the first bad record already stops the job. Only inputs read by
 * this build count: chunks carried from the previous generation were judged when it committed.
 */
public record FailurePolicy(long maxBadRecords, double maxBadRecordsFraction) implements Serializable {
  /** No limit on the count: the fraction, per input, is what tells a broken file from a few torn lines. */
  public static final long DEFAULT_MAX_BAD_RECORDS = -1;
  /** One bad record in a hundred: a few torn or odd lines pass, a file of the wrong kind does not. */
  public static final double DEFAULT_MAX_BAD_RECORDS_FRACTION = 0.01;

  public FailurePolicy {
    if (!(maxBadRecordsFraction >= 0 && maxBadRecordsFraction <= 1)) {
      throw new IllegalArgumentException("maxBadRecordsFraction must be between 0 and 1: " + maxBadRecordsFraction);
    }
  }

  public static FailurePolicy defaults() {
    return new FailurePolicy(DEFAULT_MAX_BAD_RECORDS, DEFAULT_MAX_BAD_RECORDS_FRACTION);
  }

  /** What one input file gave this build. */
  private static final class Tally {
    final InputSummary input;
    boolean read;
    long records;
    long bad;
    String deadLetters;

    Tally(InputSummary input) {
      this.input = input;
    }
  }

  /**
   * Why this build must not commit, one line naming the input and where its dead letters are
   * (relative to the output directory), or null when it may.
   */
  public String violation(List<InputSummary> inputs, List<ChunkSummary> chunks, String generation) {
    Map<Integer, Tally> byInput = new LinkedHashMap<>();
    for (InputSummary i : inputs) byInput.put(i.index(), new Tally(i));
    long totalBad = 0;
    for (ChunkSummary c : chunks) {
      Tally t = byInput.get(c.input());
      if (t == null || c.kind().equals(ChunkSummary.CARRIED)) continue;
      t.read = true;
      t.records += c.inputRecords();
      t.bad += c.badRecords();
      totalBad += c.badRecords();
      if (t.deadLetters == null && c.deadLetters() != null) t.deadLetters = generation + "/" + c.deadLetters();
    }
    List<Tally> read = new ArrayList<>();
    for (Tally t : byInput.values()) if (t.read) read.add(t);
    for (Tally t : read) {
      String name = t.input.path();
      boolean snapshot = t.input.kind().equals(InputSummary.SNAPSHOT);
      if (snapshot && t.bad > 0) {
        return "snapshot " + name + " does not parse as a whole" + where(t);
      }
      if (t.records - t.bad <= 0) {
        return t.bad == 0
            ? name + " yields no record (an empty or unreadable input)"
            : "all " + t.bad + " records of " + name + " are bad" + where(t);
      }
      if (t.bad > maxBadRecordsFraction * t.records) {
        return String.format(Locale.ROOT, "%d of %d records of %s are bad (%.2f%%), over --maxBadRecordsFraction=%s%s",
            t.bad, t.records, name, 100.0 * t.bad / t.records, fraction(), where(t));
      }
    }
    if (maxBadRecords >= 0 && totalBad > maxBadRecords) {
      String first = null;
      for (Tally t : read) if (first == null && t.deadLetters != null) first = t.deadLetters;
      return totalBad + " bad records, over --maxBadRecords=" + maxBadRecords
          + (first == null ? "" : " (dead letters under " + first.substring(0, first.lastIndexOf('/') + 1) + ")");
    }
    return null;
  }

  private String fraction() {
    String s = Double.toString(maxBadRecordsFraction);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static String where(Tally t) {
    return t.deadLetters == null ? "" : " (dead letters: " + t.deadLetters + ")";
  }
}
