package io.logdex.transforms;

import io.logdex.format.index.Query;
import io.logdex.format.index.Terms;
import io.logdex.format.index.TypedValues;
import io.logdex.format.index.Words;
import io.logdex.format.log.EntryLogs;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogReader;
import io.logdex.format.tree.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every entry of a build back from its logs and evaluates queries by scanning them, with the
 * term rules written out independently of the build's EntryTerms.
 */
final class BruteForce {
  record Doc(int source, long position, LogEntry entry, Set<String> terms) {}

  private BruteForce() {}

  static List<Doc> docs(Path output) throws IOException {
    BuildManifest m = BuildManifest.read(output);
    List<Doc> docs = new ArrayList<>();
    for (ChunkSummary c : m.chunks()) {
      if (c.log() == null) continue;
      try (LogReader r = LogReader.open(m.generationDir(output).resolve(c.log()));
          LogCursor cur = r.cursor(0)) {
        while (cur.next()) {
          LogEntry e = EntryLogs.decode(cur.payload(), r.source(), cur.position());
          docs.add(new Doc(c.id(), cur.position(), e, terms(e)));
        }
      }
    }
    return docs;
  }

  /** Entries of one input, in log order (chunk by chunk). */
  static List<LogEntry> entriesOfInput(List<Doc> docs, BuildManifest m, int input) {
    List<LogEntry> out = new ArrayList<>();
    for (ChunkSummary c : m.chunks()) {
      if (c.input() != input) continue;
      for (Doc d : docs) if (d.source() == c.id()) out.add(d.entry());
    }
    return out;
  }

  static Set<String> terms(LogEntry e) {
    Set<String> t = new HashSet<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    Node d = e.diff();
    stack.push(d);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      // A top-level time is typed and gives no words.
      boolean topTime = n.kind() == Node.Kind.STRING && d.isObject() && d.children().stream().anyMatch(c -> c == n)
          && TypedValues.time(n.text()) != TypedValues.NONE;
      if ((n.kind() == Node.Kind.STRING && !topTime) || n.kind() == Node.Kind.LITERAL) Words.forEach(n.text(), w -> t.add("w" + w));
      n.children().forEach(stack::push);
    }
    if (d.isObject()) {
      for (int i = 0; i < d.size(); i++) {
        Node v = d.child(i);
        if (v.isContainer()) continue;
        String name = d.key(i).asText();
        long n = v.kind() == Node.Kind.INTEGER ? TypedValues.number(v.text()) : TypedValues.NONE;
        long time = v.kind() == Node.Kind.STRING ? TypedValues.time(v.text()) : TypedValues.NONE;
        // Typed values are kept as such (model: "#kind:name:value"), not as field terms.
        if (n != TypedValues.NONE) t.add("#1:" + name + ":" + n);
        else if (time != TypedValues.NONE) t.add("#2:" + name + ":" + time);
        // Field values are matched in any case: their terms hold them lowercased.
        else t.add("f" + name + ":" + v.text().toLowerCase(java.util.Locale.ROOT));
      }
    }
    // The entry's own commit and time, unless the diff gave a typed value of that name.
    if (t.stream().noneMatch(x -> x.startsWith("#1:commit:"))) t.add("#1:commit:" + e.commit());
    else t.add("fcommit:" + e.commit());
    long at = TypedValues.time(e.timestamp());
    if (at != TypedValues.NONE && t.stream().noneMatch(x -> x.startsWith("#2:timestamp:"))) t.add("#2:timestamp:" + at);
    // s3dlio operations (the entries whose diff is the 13-column record, keyed by idx) are events,
    // not changes to a state: they carry no path terms.
    boolean operation = d.isObject() && d.size() == 13 && d.get("idx") != null && d.get("duration_ns") != null
        && d.get("first_byte") != null;
    if (!operation) io.logdex.format.tree.NodePaths.forEachPath(d, (p, n) -> t.add("p" + p));
    // The root itself is touched by a root diff that is not a plain (untagged) object merge.
    if (!operation && !(d.isObject() && d.tag() == null)) t.add("p");
    return t;
  }

  static boolean matches(Query q, Set<String> terms) {
    if (q instanceof Query.Term t) return terms.contains(new String(t.bytes(), StandardCharsets.UTF_8));
    if (q instanceof Query.Range r) {
      String prefix = "#" + r.kind() + ":" + r.name() + ":";
      for (String x : terms) {
        if (!x.startsWith(prefix)) continue;
        long v = Long.parseLong(x.substring(prefix.length()));
        if (v >= r.lo() && v <= r.hi()) return true;
      }
      return false;
    }
    if (q instanceof Query.Not n) return !matches(n.clause(), terms);
    if (q instanceof Query.Or o) return o.clauses().stream().anyMatch(c -> matches(c, terms));
    return ((Query.And) q).clauses().stream().allMatch(c -> matches(c, terms));
  }

  static String key(int source, long position) {
    return source + "@" + position;
  }

  static Query pathTerm(String path) {
    return new Query.Term(Terms.path(path));
  }
}
