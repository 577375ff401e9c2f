package io.logdex.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdex.format.path.KindedPath;
import java.util.Iterator;
import java.util.Map;

/**
 * Where a search hit belongs in the page's tree: for a commit-log entry, the deepest path its diff
 * changes alone (down the diff while each level has one field), so a hit links to that node and
 * the commit slider can start at the hit's commit. Null for anything else (an op-log record is
 * an event, not a place; a snapshot hit's record does not carry its path).
 */
final class DiffPlace {
  /** Paths deeper than this are cut there: a link to an ancestor is still a link. */
  private static final int MAX_DEPTH = 256;

  private DiffPlace() {}

  static KindedPath of(JsonNode hit) {
    JsonNode diff = hit.path("record").path("diff");
    if (!hit.path("record").has("commit") || !diff.isObject() || diff.size() == 0) return null;
    if (diff.has("op") && diff.has("duration_ns")) return null; // s3dlio operation
    KindedPath p = KindedPath.ROOT;
    JsonNode n = diff;
    while (n.isObject() && n.size() == 1 && p.depth() < MAX_DEPTH) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      Map.Entry<String, JsonNode> e = it.next();
      p = p.field(e.getKey());
      n = e.getValue();
    }
    return p.isRoot() ? null : p;
  }
}
