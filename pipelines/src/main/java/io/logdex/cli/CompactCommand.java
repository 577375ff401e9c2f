package io.logdex.cli;

import io.logdex.format.FormatException;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.history.CorruptEntryException;
import io.logdex.format.history.DiffKind;
import io.logdex.format.history.StreamingCompactor;
import io.logdex.format.index.DocRecord;
import io.logdex.format.tree.Node;
import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.DiffTags;
import io.logdex.transforms.ChunkSummary;
import io.logdex.transforms.InputSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code logdex compact}: writes the state at a commit as a new snapshot and indexes it, so that
 * read-at of later commits starts there (the seeds' compaction). The state is computed by {@link
 * StreamingCompactor} from the newest snapshot at or before the commit plus the logged entries
 * after it, streamed, so a 1 GB snapshot compacts in bounded memory; the file goes to {@code
 * DIR/compacted/state-cN.json} (or {@code .tony}) and an incremental build adds it as the snapshot
 * input {@code FILE@N}.
 */
final class CompactCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.of().value("index", "DIR").value("commit", "C").value("maxRoundDiffBytes", "N")
      .value("maxMaterializedBytes", "N");

  static final String DIR = "compacted";

  @Override
  public String name() {
    return "compact";
  }

  @Override
  public String summary() {
    return "write the state at a commit as a new indexed snapshot, so reads start there";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex compact --index=DIR --commit=N [--maxRoundDiffBytes=B] [--maxMaterializedBytes=B]",
        "",
        "Computes the state as of commit N (the newest snapshot at or before N, plus every logged",
        "diff after it up to N, in (commit, seq) order) without holding it in memory, writes it to",
        "DIR/compacted/state-cN.json (.tony when the diffs or the base are Tony), and indexes it as",
        "the snapshot FILE@N with an incremental build, so read-at of N and later starts there.",
        "N must lie between the newest snapshot and the index's maxCommit; compacting a commit that",
        "already has a snapshot does nothing.",
        "",
        "  --maxRoundDiffBytes=B     diffs composed into one pass over the state (default "
            + StreamingCompactor.Options.DEFAULT_MAX_ROUND_DIFF_BYTES + ")",
        "  --maxMaterializedBytes=B  the largest subtree an !arraydiff or !key diff may change, which",
        "                            must be held as a tree (default "
            + StreamingCompactor.Options.DEFAULT_MAX_MATERIALIZED_BYTES + ")",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    if (!a.positional().isEmpty()) throw new UsageException("unexpected argument " + a.positional().get(0));
    long commit = a.getLong("commit", Long.MIN_VALUE);
    if (commit == Long.MIN_VALUE) throw new UsageException("missing --commit");
    Path dir = IndexDirectory.of(a).toAbsolutePath().normalize();
    StreamingCompactor.Options options;
    try {
      options = StreamingCompactor.Options.defaults(dir.resolve(DIR))
          .withMaxRoundDiffBytes(a.getLong("maxRoundDiffBytes", StreamingCompactor.Options.DEFAULT_MAX_ROUND_DIFF_BYTES))
          .withMaxMaterializedBytes(
              a.getLong("maxMaterializedBytes", StreamingCompactor.Options.DEFAULT_MAX_MATERIALIZED_BYTES));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }

    Path file;
    BuildManifest m;
    String summary;
    try (BuildOutput output = BuildOutput.open(dir)) {
      m = output.manifest();
      if (!m.hasMaxCommit()) throw new UsageException("the index at " + dir + " holds no commits");
      if (commit > m.maxCommit()) {
        throw new UsageException("commit " + commit + " is beyond the index's maxCommit " + m.maxCommit());
      }
      InputSummary base = null;
      for (InputSummary i : m.inputs()) {
        if (!i.kind().equals(InputSummary.SNAPSHOT)) continue;
        if (i.commit() != Long.MIN_VALUE && i.commit() > commit) {
          throw new UsageException("commit " + commit + " is older than the snapshot " + i.path() + " at commit "
              + i.commit() + "; compact at that commit or later");
        }
        if (i.commit() == commit) {
          out.println("commit " + commit + " already has a snapshot: " + i.path());
          return ExitCode.OK;
        }
        // The newest at or before the commit; among equals the one given last, as read-at picks.
        if (base == null || i.commit() >= base.commit()) base = i;
      }
      long after = base == null ? Long.MIN_VALUE : base.commit();
      DiffKind kind = kindOf(output, after, commit);
      boolean wire = kind == DiffKind.TONY || (base != null && isTony(base.path()));
      Files.createDirectories(dir.resolve(DIR));
      removeLeftovers(dir.resolve(DIR));
      file = dir.resolve(DIR).resolve("state-c" + commit + (wire ? ".tony" : ".json"));
      Path temp = Files.createTempFile(dir.resolve(DIR), ".state-c" + commit + "-", ".tmp");
      StreamingCompactor.Result r;
      EntriesInOrder entries = new EntriesInOrder(output, after, commit);
      String baseName = base == null ? null : base.path();
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream o = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        r = StreamingCompactor.compact(baseName == null ? null : () -> Inputs.open(baseName), baseName, entries, kind,
            o, wire ? OutputFormat.WIRE : OutputFormat.JSON, options);
        o.flush();
        ch.force(true); // on disk before the build's manifest can name it
      } catch (CorruptEntryException e) {
        Files.deleteIfExists(temp);
        throw locate(output, entries, e);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      if (!r.present()) {
        Files.deleteIfExists(temp);
        throw new FormatException("the state at commit " + commit + " is absent (its root was deleted): there is"
            + " nothing to write as a snapshot", baseName == null ? dir.toString() : baseName, -1);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      summary = String.format(Locale.ROOT, "compacted commit %d: %d entries after %s in %d passes (up to %d diffs"
          + " a pass; %d subtrees held as trees, largest %d bytes) into %s (%d bytes)", commit, r.entries(),
          base == null ? "nothing" : base.path() + (base.commit() == Long.MIN_VALUE ? "" : "@" + base.commit()),
          r.rounds(), r.mostLayers(), r.materializedSubtrees(), r.largestMaterializedBytes(), file, Files.size(file));
    }
    BuildManifest built = index(dir, file, commit, m);
    out.println(summary);
    out.println("indexed " + file.getFileName() + "@" + commit + " in " + built.generation() + " of " + dir);
    return ExitCode.OK;
  }

  /** Temporary states of a compaction that was killed (compactions of one DIR do not run at once). */
  private static void removeLeftovers(Path compacted) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(compacted)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        boolean output = n.startsWith(".state-c") && n.endsWith(".tmp");
        boolean round = n.startsWith(StreamingCompactor.TEMP_PREFIX) && n.endsWith(StreamingCompactor.TEMP_SUFFIX);
        if (output || round) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Adds file@commit to the build at dir, incrementally, cut as the build's other snapshots are. */
  private static BuildManifest index(Path dir, Path file, long commit, BuildManifest previous) throws IOException {
    List<String> args = BuildCommand.withDefaults(List.of(
        "--snapshots=" + file + "@" + commit,
        "--output=" + dir,
        "--chunkBytes=" + previous.chunkBytes(),
        "--maxSubDocumentBytes=" + previous.maxSubDocumentBytes(),
        "--partitions=" + previous.partitions()));
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    LogdexBuildOptions o = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(LogdexBuildOptions.class);
    return BuildJob.run(o, null);
  }

  /**
   * How the entries read: Tony when any comes from a Tony input or carries a tag, else merge
   * patches; the rule read-at applies to a read of the root. Input names settle it without
   * reading entries when they can.
   */
  private static DiffKind kindOf(BuildOutput output, long after, long upTo) throws IOException {
    for (ChunkSummary c : EntriesInOrder.logChunks(output)) {
      String input = output.inputName(c.id());
      if (input != null && isTony(input) && c.entries() > 0) return DiffKind.TONY;
    }
    for (ChunkSummary c : EntriesInOrder.logChunks(output)) {
      for (long ord = 0; ord < c.entries(); ord++) {
        DocRecord d = output.index().docRecord(((long) c.id() << 40) | ord);
        if (d == null || !d.hasCommit() || d.commit() > upTo || (after != Long.MIN_VALUE && d.commit() <= after)) {
          continue;
        }
        if (DiffTags.present(output.entry(d).diff())) return DiffKind.TONY;
      }
    }
    return DiffKind.MERGE_PATCH;
  }

  private static boolean isTony(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".tony") || n.endsWith(".tony.zst") || n.endsWith(".tony.gz");
  }

  /** e with the log position of its entry, when it is the one read last (a malformed entry). */
  private static CorruptEntryException locate(BuildOutput output, EntriesInOrder entries, CorruptEntryException e)
      throws FormatException {
    DocRecord d = entries.last();
    if (d != null && d.commit() == e.commit() && d.seq() == e.seq()) {
      return e.located(output.logName(d.sourceId()), d.offset());
    }
    return e;
  }
}
