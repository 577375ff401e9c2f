package io.logdex.cli;

import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.history.DiffKind;
import io.logdex.format.history.PathState;
import io.logdex.format.history.ReadAt;
import io.logdex.format.history.Snapshot;
import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.PostingsIterator;
import io.logdex.format.index.TermCursor;
import io.logdex.format.index.Terms;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.transforms.BuildOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code logdex read-at}: the state at a path as of a commit (the seeds' ReadAt). Starts from the
 * newest indexed snapshot at or before the commit, then applies, in (commit, seq) order, every
 * logged diff that touches the path, an ancestor or a descendant — found through the index's path
 * terms, so only those entries are read.
 */
final class ReadAtCommand implements Command {
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
        "usage: logdex read-at --index=DIR --commit=N [--to=json|wire] [--pretty] PATH",
        "",
        "Prints the value at PATH as of commit N: the newest snapshot at or before N",
        "(--snapshots=FILE@COMMIT at build time), plus every diff up to N that touches PATH,",
        "an ancestor or a descendant, applied in (commit, seq) order. Diffs from .tony inputs or",
        "with Tony tags are Tony diffs; plain JSON diffs are RFC 7386 merge patches.",
        "Exit 1 when PATH does not exist at commit N. A corrupt entry is an error, never skipped.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of("index", "commit", "to", "pretty"), false);
    OutputFormat format = GetCommand.outputFormat(a);
    long commit = a.getLong("commit", Long.MIN_VALUE);
    if (commit == Long.MIN_VALUE) throw new UsageException("missing --commit");
    KindedPath path = GetCommand.parsePath(a.onePositional("PATH"));
    try (BuildOutput output = BuildOutput.open(Path.of(a.require("index")))) {
      List<LogEntry> entries = new ArrayList<>();
      boolean tony = candidates(output, path, commit, entries);
      Snapshot base = snapshot(output, path, commit);
      PathState state = ReadAt.read(path, commit, base, entries, tony ? DiffKind.TONY : DiffKind.MERGE_PATCH);
      if (state.isAbsent()) {
        err.println("logdex read-at: path \"" + path + "\" does not exist at commit " + commit);
        return ExitCode.NOT_FOUND;
      }
      Encoder enc = new Encoder(out, format);
      enc.node(state.value());
      enc.flush();
      return ExitCode.OK;
    }
  }

  /**
   * Collects, in (commit, seq) order, the log entries up to commit whose diffs touch path, an
   * ancestor or a descendant; returns whether any came from a Tony input.
   */
  private static boolean candidates(BuildOutput output, KindedPath path, long commit, List<LogEntry> into)
      throws IOException {
    IndexReader index = output.index();
    TreeMap<Long, DocRecord> docs = new TreeMap<>();
    for (KindedPath q = path; q != null && !q.isRoot(); q = q.parent()) {
      collect(output, index.postings(Terms.path(q.toString())), commit, docs);
    }
    TermCursor c = index.pathsWithPrefix(path.toString());
    while (c.next()) {
      String text = Terms.text(c.term());
      if (!text.equals(path.toString()) && isDescendant(path, text)) collect(output, c.postings(), commit, docs);
    }
    boolean tony = false;
    List<DocRecord> ordered = new ArrayList<>(docs.values());
    ordered.sort(Comparator.comparingLong(DocRecord::commit).thenComparingLong(DocRecord::seq).thenComparingLong(DocRecord::docId));
    for (DocRecord d : ordered) {
      String input = output.inputName(d.sourceId());
      if (input != null && (input.endsWith(".tony") || input.endsWith(".tony.zst"))) tony = true;
      LogEntry e = output.entry(d);
      if (!tony && hasTags(e.diff())) tony = true;
      into.add(e);
    }
    return tony;
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

  private static boolean hasTags(Node n) {
    java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
    stack.push(n);
    while (!stack.isEmpty()) {
      Node x = stack.pop();
      if (x.tag() != null) return true;
      for (int i = 0; i < x.size(); i++) stack.push(x.child(i));
    }
    return false;
  }

  /** The newest snapshot at or before commit, as a source of values by path, or none. */
  private static Snapshot snapshot(BuildOutput output, KindedPath path, long commit) throws IOException {
    // Which snapshot holds the state is decided at the root's first segment; a path the
    // snapshot lacks still reads from that snapshot (as absent).
    KindedPath probe = path.isRoot() ? path : path.prefix(1);
    SnapshotLookup.Hit hit = SnapshotLookup.find(output, probe, commit);
    if (hit == null) return Snapshot.none();
    long snapCommit = hit.doc().hasCommit() ? hit.doc().commit() : Long.MIN_VALUE + 1;
    return Snapshot.at(snapCommit, p -> {
      SnapshotLookup.Hit h = SnapshotLookup.find(output, p.isRoot() ? probe : p, commit);
      if (h == null) return null;
      Node record = output.snapshotNode(h.doc(), PARSE_LIMIT);
      if (record == null) {
        throw new IOException("the snapshot's node at " + p + " is over " + PARSE_LIMIT + " bytes; read-at of such a large subtree needs compaction");
      }
      return p.isRoot() ? record : NodePaths.get(record, p.relativeTo(h.recordPath()));
    });
  }
}
