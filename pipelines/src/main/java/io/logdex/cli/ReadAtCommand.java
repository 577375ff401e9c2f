package io.logdex.cli;

import io.logdex.format.Elide;
import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.history.DiffKind;
import io.logdex.format.history.PathState;
import io.logdex.format.history.ReadAt;
import io.logdex.format.history.Snapshot;
import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.DocRecordIterator;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.PostingsIterator;
import io.logdex.format.index.TermCursor;
import io.logdex.format.index.Terms;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.DiffTags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code logdex read-at}: the state at a path as of a commit (the seeds' ReadAt). Starts from the
 * newest indexed snapshot at or before the commit, then applies, in (commit, seq) order, every
 * logged diff that touches the path, an ancestor (the root included: an entry whose root diff is
 * not a plain merge has the root's term) or a descendant — found through the index's path terms,
 * so only those entries are read. A path whose first step is {@code [i]} or {@code (k)} also
 * depends on every plain merge at the root (it makes the root an object); see {@link
 * #addRootMerges} for how those are found and kept bounded.
 */
final class ReadAtCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.query().value("index", "DIR").value("commit", "C").value("to", "FORM").flag("pretty");

  private static final int PARSE_LIMIT = 64 << 20;

  @Override
  public String name() {
    return "read-at";
  }

  @Override
  public String summary() {
    return "print the state at a path as of a commit: snapshot + diffs";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex read-at --index=DIR --commit=N [--to=json|wire] [--pretty] [--] PATH",
        "",
        "Prints the value at PATH as of commit N: the newest snapshot at or before N",
        "(--snapshots=FILE@COMMIT at build time), plus every diff up to N that touches PATH,",
        "an ancestor (the root included) or a descendant, applied in (commit, seq) order. When",
        "PATH starts with [i] or (k) (an array root), every entry up to N is read once, since a",
        "merge at the root turns the array into an object; of the merges between two entries",
        "that change the root otherwise, only the last is kept, so memory grows with the number",
        "of root-changing entries, not the log. Diffs from .tony inputs or with Tony tags are Tony",
        "diffs; plain JSON diffs are RFC 7386 merge patches.",
        "Exit 1 when PATH does not exist at commit N. A corrupt entry is an error, never skipped.",
        "Options come before PATH; '--' ends them, for a PATH that starts with '-'.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    OutputFormat format = GetCommand.outputFormat(a);
    long commit = a.getLong("commit", Long.MIN_VALUE);
    if (commit == Long.MIN_VALUE) throw new UsageException("missing --commit");
    KindedPath path = GetCommand.parsePath(a.onePositional("PATH"));
    try (BuildOutput output = BuildOutput.open(IndexDirectory.of(a))) {
      List<LogEntry> entries = new ArrayList<>();
      boolean tony = candidates(output, path, commit, entries);
      Snapshot base = snapshot(output, commit);
      PathState state = ReadAt.read(path, commit, base, entries, tony ? DiffKind.TONY : DiffKind.MERGE_PATCH);
      if (state.isAbsent()) {
        err.println("logdex read-at: path \"" + Main.oneLine(path.toString()) + "\" does not exist at commit " + commit);
        return ExitCode.NOT_FOUND;
      }
      Encoder enc = new Encoder(out, format);
      enc.node(state.value());
      enc.flush();
      return ExitCode.OK;
    }
  }

  private static final Comparator<DocRecord> ORDER =
      Comparator.comparingLong(DocRecord::commit).thenComparingLong(DocRecord::seq).thenComparingLong(DocRecord::docId);

  /**
   * Collects, in (commit, seq) order, the log entries up to commit whose diffs touch path, an
   * ancestor (the root's term included) or a descendant, and for a path under an array root the
   * plain merges at the root that matter; returns whether any came from a Tony input.
   */
  private static boolean candidates(BuildOutput output, KindedPath path, long commit, List<LogEntry> into)
      throws IOException {
    IndexReader index = output.index();
    TreeMap<Long, DocRecord> docs = new TreeMap<>();
    // Paths over the term cap have no term: an entry touching one (or its descendants) is found
    // through its ancestors within the cap, whose terms every diff that reaches it also writes.
    int indexed = path.prefixDepthWithin(IndexFormat.MAX_PATH_BYTES);
    for (KindedPath q = path.prefix(indexed); q != null; q = q.isRoot() ? null : q.parent()) {
      collect(output, index.postings(Terms.path(q.toString())), commit, docs);
    }
    if (indexed == path.depth()) {
      TermCursor c = index.pathsWithPrefix(path.toString());
      while (c.next()) {
        String text = Terms.text(c.term());
        if (!text.equals(path.toString()) && isDescendant(path, text)) collect(output, c.postings(), commit, docs);
      }
    }
    if (underArrayRoot(path)) addRootMerges(output, commit, docs);
    boolean tony = false;
    List<DocRecord> ordered = new ArrayList<>(docs.values());
    ordered.sort(ORDER);
    for (DocRecord d : ordered) {
      String input = output.inputName(d.sourceId());
      if (input != null && (input.endsWith(".tony") || input.endsWith(".tony.zst"))) tony = true;
      LogEntry e = output.entry(d);
      if (!tony && DiffTags.present(e.diff())) tony = true;
      into.add(e);
    }
    return tony;
  }

  /** Whether path's first step is [i] or (k): it exists only while the root is an array. */
  private static boolean underArrayRoot(KindedPath path) {
    if (path.isRoot()) return false;
    PathSegment first = path.toArray()[0];
    return first instanceof PathSegment.Index || first instanceof PathSegment.Keyed;
  }

  /**
   * Adds to docs the plain merges at the root that can change a path under an array root. Every
   * log entry up to commit that is not already a candidate has a root diff that is a plain merge
   * (any other root diff has the root's term, and [i]/(k) terms only come from such diffs): it
   * makes the root an object, so the path is absent after it whatever the merge holds. Between two
   * consecutive candidates (in (commit, seq) order) only whether there was such a merge matters,
   * not how many or what they hold: an object root is absent for [i]/(k), a constant root diff
   * ignores it, {@code !key(f)} resolves against it and {@code !arraydiff} rejects it, whatever its
   * fields. So the last merge of each gap is kept and the others dropped: the doc table is read
   * once, in docId order, and memory is two arrays the size of the candidates so far.
   */
  private static void addRootMerges(BuildOutput output, long commit, TreeMap<Long, DocRecord> docs)
      throws IOException {
    DocRecord[] bounds = docs.values().toArray(new DocRecord[0]);
    java.util.Arrays.sort(bounds, ORDER);
    DocRecord[] last = new DocRecord[bounds.length + 1]; // last[g]: the latest merge before bounds[g]
    // s3dlio operations are events, not diffs of the state: their logs are skipped whole; the
    // kept merges are checked below, in case a log mixes both.
    DocRecordIterator all = output.index().allDocs();
    for (DocRecord r = all.next(); r != null; r = all.next()) {
      if (!r.hasCommit() || r.commit() > commit || docs.containsKey(r.docId()) || output.isSnapshot(r.sourceId())
          || output.isOperationLog(r.sourceId())) {
        continue;
      }
      int g = java.util.Arrays.binarySearch(bounds, r, ORDER);
      if (g < 0) g = -g - 1;
      if (last[g] == null || ORDER.compare(r, last[g]) > 0) last[g] = r;
    }
    for (DocRecord r : last) {
      if (r == null) continue;
      if (BuildOutput.isOperation(output.entry(r))) {
        throw new FormatException("log " + output.logName(r.sourceId()) + " mixes s3dlio operations with"
            + " state diffs; read-at of a path under an array root cannot tell them apart",
            output.sourceName(r.sourceId()), r.offset());
      }
      docs.put(r.docId(), r);
    }
  }

  private static void collect(BuildOutput output, PostingsIterator it, long commit, TreeMap<Long, DocRecord> docs)
      throws IOException {
    if (it == null) return;
    for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      if (docs.containsKey(d)) continue;
      DocRecord r = output.index().docRecord(d);
      if (output.isSnapshot(r.sourceId()) || !r.hasCommit() || r.commit() > commit) continue;
      docs.put(d, r);
    }
  }

  private static boolean isDescendant(KindedPath path, String text) {
    try {
      return path.isAncestorOf(KindedPath.parse(text));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The newest snapshot at or before commit, as a source of values by path, or none. It is chosen
   * once: a path it lacks is absent there, even if an older snapshot has it (deleted since).
   */
  private static Snapshot snapshot(BuildOutput output, long commit) {
    int input = SnapshotLookup.stateAt(output, commit);
    if (input < 0) return Snapshot.none();
    long c = output.manifest().inputs().get(input).commit();
    long snapCommit = c != Long.MIN_VALUE ? c : Long.MIN_VALUE + 1;
    return Snapshot.at(snapCommit, p -> {
      // The root is its own record (every snapshot indexes ""), which may be a container whose
      // bytes hold the whole state.
      SnapshotLookup.Hit h = SnapshotLookup.find(output, p, input);
      if (h == null) return null;
      if (SnapshotLookup.seeksFrom(h, p)) {
        // Below its nearest indexed ancestor (no term of its own, or past the term cap): walk
        // down from that node's bytes and parse only p's node.
        try (Tokenizer t = SnapshotLookup.seek(output, h, p)) {
          return t == null ? null : TreeParser.parseCurrent(t);
        }
      }
      Node record = output.snapshotNode(h.doc(), PARSE_LIMIT);
      if (record == null) {
        throw new IOException("the snapshot's node at " + p + " is over " + PARSE_LIMIT + " bytes; read-at of such a large subtree needs compaction");
      }
      return p.isRoot() ? record : NodePaths.get(record, p.relativeTo(h.recordPath()));
    });
  }
}
