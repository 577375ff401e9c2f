package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.encode.ByteCounter;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state after a stream of entries, from a base state read as bytes, written as bytes: the
 * seeds' compaction for snapshots too large to hold. Equal, byte for byte, to encoding {@link
 * Compaction#replay} of the same base and entries.
 *
 * <p>It works in rounds. Consecutive entries are composed ({@link DiffCompose}) into one root diff
 * while they compose; an entry that does not (a field deleted and re-created, a merge patch object
 * after a value, …) starts another layer, up to {@link #MAX_LAYERS}. When the entries' encoded
 * diffs reach {@link Options#maxRoundDiffBytes}, the current state streams once through the layers
 * ({@link StreamingApply}) into the next state: a temporary wire file, or the output after the
 * last round. So memory is one round's diffs plus the largest subtree an arraydiff or keyed diff
 * changes, and the state is read once per round.
 */
public final class StreamingCompactor {
  /** How the temporary state files in {@link Options#tempDir} are named, for cleaning up after a crash. */
  public static final String TEMP_PREFIX = "compact-", TEMP_SUFFIX = ".tony";

  /**
   * Diffs applied in one pass at most: every state field an object's diffs name is looked up in
   * each, so a long sequence would slow the pass more than another pass costs.
   */
  static final int MAX_LAYERS = 64;

  private StreamingCompactor() {}

  /** Entries in strictly ascending (commit, seq) order, one at a time. */
  @FunctionalInterface
  public interface EntrySource {
    /** The next entry, or null at the end. */
    LogEntry next() throws IOException;
  }

  /** The base state's bytes (decompressed), opened once per compaction. */
  @FunctionalInterface
  public interface BaseSource {
    InputStream open() throws IOException;
  }

  /** Limits and where temporary states go. */
  public record Options(long maxRoundDiffBytes, long maxMaterializedBytes, Path tempDir, TokenizerOptions tokenizer) {
    /**
     * The composed diff is a tree of several times its encoded size: 4 MiB of entries composed in a
     * round ran in a 64 MiB heap beside a 256 MB state, 16 MiB did not.
     */
    public static final long DEFAULT_MAX_ROUND_DIFF_BYTES = 4L << 20;
    public static final long DEFAULT_MAX_MATERIALIZED_BYTES = 64L << 20;

    public Options {
      if (maxRoundDiffBytes < 1) throw new IllegalArgumentException("maxRoundDiffBytes must be positive");
      if (maxMaterializedBytes < 0) throw new IllegalArgumentException("maxMaterializedBytes must not be negative");
    }

    public static Options defaults(Path tempDir) {
      return new Options(DEFAULT_MAX_ROUND_DIFF_BYTES, DEFAULT_MAX_MATERIALIZED_BYTES, tempDir,
          TokenizerOptions.defaults().withDocuments(DocumentMode.SINGLE));
    }

    public Options withMaxRoundDiffBytes(long n) {
      return new Options(n, maxMaterializedBytes, tempDir, tokenizer);
    }

    public Options withMaxMaterializedBytes(long n) {
      return new Options(maxRoundDiffBytes, n, tempDir, tokenizer);
    }
  }

  /**
   * What a compaction did. present: whether the state exists (false: nothing was written); rounds:
   * passes over the state; mostLayers: the most diffs one pass applied after composing.
   */
  public record Result(boolean present, long entries, int rounds, int mostLayers, long materializedSubtrees,
      long largestMaterializedBytes) {}

  /**
   * Writes the state after entries to out as one document in format.
   *
   * @param base the state before the entries, or null for absence
   * @param baseName names the base in errors
   * @param kind how every entry's diff reads
   * @throws CorruptEntryException for an entry that is malformed or does not fit the state (a
   *     round of several composed entries is named by its first and last)
   * @throws FormatException for bad base bytes, entries out of order, or a subtree over the cap
   */
  public static Result compact(BaseSource base, String baseName, EntrySource entries, DiffKind kind,
      OutputStream out, OutputFormat format, Options options) throws IOException {
    StreamingApply applier = new StreamingApply(kind, options.maxMaterializedBytes());
    LogEntry pending = entries.next();
    LogEntry previous = null;
    Path current = null; // null: read the base
    long applied = 0;
    int rounds = 0;
    int mostLayers = 0;
    boolean present = false;
    try {
      while (true) {
        // Compose one round: consecutive entries into layers, a new layer where they do not compose.
        List<Node> layers = new ArrayList<>();
        long bytes = 0;
        LogEntry first = null;
        LogEntry last = null;
        while (pending != null) {
          checkOrder(previous, pending);
          try {
            DiffValidation.check(pending.diff(), kind);
          } catch (FormatException f) {
            throw CorruptEntryException.of(pending, KindedPath.ROOT, f);
          }
          if (layers.isEmpty()) {
            layers.add(pending.diff());
          } else {
            if (bytes >= options.maxRoundDiffBytes()) break;
            int top = layers.size() - 1;
            try {
              layers.set(top, DiffCompose.compose(layers.get(top), pending.diff(), kind));
            } catch (UncomposableDiffException | FormatException separate) {
              // Applied after the other, the pair means exactly what a replay does, failure included.
              if (layers.size() == MAX_LAYERS) break;
              layers.add(pending.diff());
            }
          }
          bytes += encodedBytes(pending.diff());
          if (first == null) first = pending;
          last = pending;
          previous = pending;
          applied++;
          pending = entries.next();
        }
        boolean lastRound = pending == null;
        Path next = lastRound ? null : Files.createTempFile(options.tempDir(), TEMP_PREFIX, TEMP_SUFFIX);
        String source = current == null ? baseName : current.toString();
        try (InputStream in = current == null ? (base == null ? new ByteArrayInputStream(new byte[0]) : base.open())
                : Files.newInputStream(current);
            Tokenizer t = Tokenizer.fromStream(in, source, options.tokenizer())) {
          OutputStream dst = lastRound ? out : new BufferedOutputStream(Files.newOutputStream(next), 1 << 16);
          try {
            // Intermediate states are wire: lossless for tags and literals whatever the output.
            Encoder enc = new Encoder(dst, lastRound ? format : OutputFormat.WIRE, 1 << 16);
            try {
              present = applier.apply(t, layers, enc);
            } catch (StreamingApply.DiffFailure f) {
              throw failure(first, last, f);
            }
            if (t.next() != TokenKind.END_OF_INPUT) throw t.error("more than one value in the state");
            enc.flush();
          } finally {
            if (!lastRound) dst.close();
          }
        } catch (IOException | RuntimeException e) {
          if (next != null) Files.deleteIfExists(next);
          throw e;
        }
        rounds++;
        mostLayers = Math.max(mostLayers, layers.size());
        if (current != null) Files.deleteIfExists(current);
        current = next;
        if (lastRound) break;
      }
    } finally {
      if (current != null) Files.deleteIfExists(current);
    }
    out.flush();
    return new Result(present, applied, rounds, mostLayers, applier.materializedSubtrees(), applier.largestMaterializedBytes());
  }

  private static void checkOrder(LogEntry prev, LogEntry e) throws FormatException {
    if (prev != null && (prev.commit() > e.commit() || (prev.commit() == e.commit() && prev.seq() >= e.seq()))) {
      throw new FormatException("entries must ascend by (commit, seq) without repeats: (" + prev.commit() + ", "
          + prev.seq() + ") then (" + e.commit() + ", " + e.seq() + ")", CorruptEntryException.DEFAULT_SOURCE, -1);
    }
  }

  private static CorruptEntryException failure(LogEntry first, LogEntry last, StreamingApply.DiffFailure f) {
    String detail = first == last ? f.reason()
        : f.reason() + " (in the entries from commit " + first.commit() + ", seq " + first.seq() + " to commit "
            + last.commit() + ", seq " + last.seq() + ", applied together)";
    return new CorruptEntryException(first.commit(), first.seq(), CorruptEntryException.DEFAULT_SOURCE, -1,
        f.path(), detail, f);
  }

  /** The diff's canonical wire size, counted without keeping the bytes. */
  static long encodedBytes(Node diff) throws IOException {
    ByteCounter sink = new ByteCounter();
    Encoder enc = new Encoder(sink, OutputFormat.WIRE, 512);
    enc.node(diff);
    enc.flush();
    return sink.count();
  }
}
