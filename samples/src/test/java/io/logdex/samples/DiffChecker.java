package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only appliers of the two diff languages the commit log uses: RFC 7386 merge patches (JSON
 * entries) and Tony diffs (wire entries), the latter checking that every {@code !delete} and
 * {@code !replace} carries the current value and that every {@code !insert} lands on a free key.
 */
final class DiffChecker {
  int inserts;
  int deletes;
  int replaces;

  /** RFC 7386 MergePatch(target, patch) applied in place to an object target. */
  @SuppressWarnings("unchecked")
  static void mergePatch(Map<String, Object> target, Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object v = e.getValue();
      if (v == MiniDoc.NULL) {
        target.remove(e.getKey());
      } else if (v instanceof Map) {
        Object current = target.get(e.getKey());
        Map<String, Object> child = current instanceof Map ? (Map<String, Object>) current : new LinkedHashMap<>();
        mergePatch(child, (Map<String, Object>) v);
        target.put(e.getKey(), child);
      } else {
        target.put(e.getKey(), v);
      }
    }
  }

  /** Applies a Tony diff in place, asserting that it is consistent with {@code target}. */
  @SuppressWarnings("unchecked")
  void applyTony(Map<String, Object> target, Map<String, Object> diff, String path) {
    for (Map.Entry<String, Object> e : diff.entrySet()) {
      String key = e.getKey();
      String at = path.isEmpty() ? key : path + "." + key;
      Object v = e.getValue();
      if (v instanceof MiniDoc.Tagged) {
        MiniDoc.Tagged t = (MiniDoc.Tagged) v;
        switch (t.tag) {
          case "!insert":
            assertFalse(target.containsKey(key), "!insert at existing " + at);
            target.put(key, t.value);
            inserts++;
            break;
          case "!delete":
            assertTrue(target.containsKey(key), "!delete of missing " + at);
            assertEquals(target.get(key), t.value, "!delete carries the old value at " + at);
            target.remove(key);
            deletes++;
            break;
          case "!replace": {
            Map<String, Object> fromTo = (Map<String, Object>) t.value;
            assertEquals(List.of("from", "to"), List.copyOf(fromTo.keySet()), "!replace {from, to} at " + at);
            assertTrue(target.containsKey(key), "!replace of missing " + at);
            assertEquals(target.get(key), fromTo.get("from"), "!replace from = current value at " + at);
            assertFalse(fromTo.get("from").equals(fromTo.get("to")), "!replace changes the value at " + at);
            target.put(key, fromTo.get("to"));
            replaces++;
            break;
          }
          default:
            fail("unexpected tag " + t.tag + " at " + at);
        }
      } else if (v instanceof Map) {
        Object child = target.get(key);
        assertTrue(child instanceof Map, "merge into missing or non-object " + at);
        applyTony((Map<String, Object>) child, (Map<String, Object>) v, at);
      } else {
        fail("untagged leaf in a Tony diff at " + at + ": " + v);
      }
    }
  }

  /**
   * Asserts two snapshot trees hold the same cluster: equal except that one events array may be a
   * prefix of the other (events fill a sized snapshot to its size, and sizes differ by format).
   */
  @SuppressWarnings("unchecked")
  static void assertSameCluster(Object a, Object b) {
    Map<String, Object> x = new LinkedHashMap<>((Map<String, Object>) MiniDoc.untag(a));
    Map<String, Object> y = new LinkedHashMap<>((Map<String, Object>) MiniDoc.untag(b));
    List<Object> ex = (List<Object>) x.remove("events");
    List<Object> ey = (List<Object>) y.remove("events");
    assertEquals(x, y, "same cluster apart from events");
    List<Object> shorter = ex.size() <= ey.size() ? ex : ey;
    List<Object> longer = ex.size() <= ey.size() ? ey : ex;
    assertEquals(shorter, longer.subList(0, shorter.size()), "one events array is a prefix of the other");
  }

  /**
   * Applies a JSONL commit log and its Tony twin entry by entry to the same snapshot (JSON and
   * wire), asserting they agree on commit/seq/timestamp and on the resulting state. Returns the
   * final state.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> replay(Object jsonSnapshot, Object wireSnapshot, List<Object> jsonEntries,
      List<Object> tonyEntries) {
    assertEquals(jsonEntries.size(), tonyEntries.size(), "entry counts");
    Map<String, Object> viaJson = (Map<String, Object>) jsonSnapshot;
    Map<String, Object> viaTony = (Map<String, Object>) MiniDoc.untag(wireSnapshot);
    assertSameCluster(viaJson, viaTony);
    long lastCommit = 0;
    long lastSeq = -1;
    for (int i = 0; i < jsonEntries.size(); i++) {
      Map<String, Object> j = (Map<String, Object>) jsonEntries.get(i);
      Map<String, Object> t = (Map<String, Object>) tonyEntries.get(i);
      assertEquals(List.of("commit", "seq", "timestamp", "diff"), List.copyOf(j.keySet()), "entry keys");
      assertEquals(List.copyOf(j.keySet()), List.copyOf(t.keySet()));
      assertEquals(j.get("commit"), t.get("commit"));
      assertEquals(j.get("seq"), t.get("seq"));
      assertEquals(j.get("timestamp"), t.get("timestamp"));
      long commit = (Long) j.get("commit");
      long seq = (Long) j.get("seq");
      if (commit == lastCommit) {
        assertEquals(lastSeq + 1, seq, "seq counts up within commit " + commit);
      } else {
        assertEquals(lastCommit + 1, commit, "commits are consecutive");
        assertEquals(0, seq, "seq starts at 0 in commit " + commit);
      }
      lastCommit = commit;
      lastSeq = seq;
      mergePatch(viaJson, (Map<String, Object>) j.get("diff"));
      applyTony(viaTony, (Map<String, Object>) t.get("diff"), "");
    }
    assertSameCluster(viaJson, viaTony); // merge patches and Tony diffs lead to the same state
    return viaJson;
  }
}
