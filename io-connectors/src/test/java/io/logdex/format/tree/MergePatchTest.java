package io.logdex.format.tree;

import static io.logdex.format.tree.NodePathsTestTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergePatchTest {
  /** RFC 7386 Appendix A, row by row: original, patch, result. */
  static final String[][] APPENDIX_A = {
    {"{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
    {"{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"},
    {"{\"a\":\"b\"}", "{\"a\":null}", "{}"},
    {"{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"},
    {"{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
    {"{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"},
    {"{\"a\": {\"b\": \"c\"}}", "{\"a\": {\"b\": \"d\", \"c\": null}}", "{\"a\": {\"b\": \"d\"}}"},
    {"{\"a\": [{\"b\":\"c\"}]}", "{\"a\": [1]}", "{\"a\": [1]}"},
    {"[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"},
    {"{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"},
    {"{\"a\":\"foo\"}", "null", "null"},
    {"{\"a\":\"foo\"}", "\"bar\"", "\"bar\""},
    {"{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"},
    {"[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"},
    {"{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"},
  };

  @Test
  void appendixA() {
    for (String[] row : APPENDIX_A) {
      assertEquals(t(row[2]), MergePatch.apply(t(row[0]), t(row[1])), row[0] + " + " + row[1]);
    }
  }

  @Test
  void section3Example() {
    Node target = t("{\"title\": \"Goodbye!\", \"author\": {\"givenName\": \"John\", \"familyName\": \"Doe\"},"
        + " \"tags\": [\"example\", \"sample\"], \"content\": \"This will be unchanged\"}");
    Node patch = t("{\"title\": \"Hello!\", \"phoneNumber\": \"+01-123-456-7890\","
        + " \"author\": {\"familyName\": null}, \"tags\": [\"example\"]}");
    Node expected = t("{\"title\": \"Hello!\", \"author\": {\"givenName\": \"John\"},"
        + " \"tags\": [\"example\"], \"content\": \"This will be unchanged\","
        + " \"phoneNumber\": \"+01-123-456-7890\"}");
    assertEquals(expected, MergePatch.apply(target, patch));
  }

  @Test
  void absentAndTagged() {
    Node target = t("{a: 1}");
    assertSame(target, MergePatch.apply(target, null));
    assertEquals(t("{a: {b: 1}}"), MergePatch.apply(null, t("{a: {b: 1, c: null}}")));
    assertEquals(t("!t {a: 1, b: 2}"), MergePatch.apply(t("!t {a: 1}"), t("!p {b: 2}")));
    assertEquals(t("!p {b: 2}"), MergePatch.apply(t("!t [1]"), t("!p {b: 2}")));
    assertEquals(t("{0: x, 7: y}"), MergePatch.apply(t("{0: a, 3: b}"), t("{0: x, 3: null, 7: y}")));
  }

  /** RFC 7386's pseudo-code, recursively, as the reference for random trees. */
  static Node reference(Node target, Node patch) {
    if (!patch.isObject()) return patch;
    Node result = target != null && target.isObject() ? target : Node.emptyObject().withTag(patch.tag());
    for (int i = 0; i < patch.size(); i++) {
      NodeKey k = patch.key(i);
      Node v = patch.child(i);
      if (v.isNull()) result = result.withoutField(k);
      else result = result.withField(k, reference(result.get(k), v));
    }
    return result;
  }

  @Test
  void randomTreesMatchThePseudoCode() {
    Random r = new Random(7386);
    for (int iter = 0; iter < 5000; iter++) {
      Node target = NodePathsTestTrees.TREES.random(r, 4);
      Node patch = r.nextInt(4) == 0 ? NodePathsTestTrees.TREES.random(r, 4) : NodePathsTestTrees.TREES.randomObject(r, 4);
      assertEquals(reference(target, patch), MergePatch.apply(target, patch), () -> target + " + " + patch);
    }
  }

  @Test
  void tenThousandLevels() {
    int depth = 10_000;
    Node target = NodePathsTestTrees.deepObject(depth, t("{x: 1, y: 2}"));
    Node patch = NodePathsTestTrees.deepObject(depth, t("{x: null, z: 3}"));
    assertEquals(NodePathsTestTrees.deepObject(depth, t("{y: 2, z: 3}")), MergePatch.apply(target, patch));
    List<Node> none = new ArrayList<>();
    assertEquals(NodePathsTestTrees.deepObject(depth, t("{z: 3}")), MergePatch.apply(Node.array(none), patch));
  }
}
