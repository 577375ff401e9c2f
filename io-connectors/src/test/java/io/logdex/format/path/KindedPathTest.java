package io.logdex.format.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KindedPathTest {
  static final String[] NASTY = {
    "", "a", "b", "A", "a.b", "b.c", "[0]", "{1}", "(k)", "0", "1a", "-1", "!x", "true", "false",
    "null", "*", "**", "a*", "field name", " ", "\t", "\n", "say \"hi\"", "it's", "'\"'\"", "\"",
    "'", "\\", "é", "中文", "😀", "a\u0001b", "x:y", "x,y", "#", "ord-001", "WIDGET-A", "\u00a0",
    "\u2028", ")", "(", "]", "}"
  };

  static String randomName(Random r) {
    if (r.nextInt(3) > 0) return NASTY[r.nextInt(NASTY.length)];
    String alphabet = "ab.[]{}()'\"\\ 0123456789*-!:,#é中\n\t\u0000\u007f";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    if (r.nextInt(10) == 0) sb.appendCodePoint(0x1F600);
    return sb.toString();
  }

  static PathSegment randomSegment(Random r, boolean wildcards) {
    int k = r.nextInt(wildcards ? 9 : 5);
    switch (k) {
      case 0: case 1: return PathSegment.field(randomName(r));
      case 2: return PathSegment.index(r.nextInt(4) == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextInt(12));
      case 3: return PathSegment.sparse(r.nextInt(4) == 0 ? PathSegment.MAX_SPARSE_INDEX - r.nextInt(3) : r.nextInt(12));
      case 4: return PathSegment.keyed(randomName(r));
      case 5: return PathSegment.ANY_FIELD;
      case 6: return PathSegment.ANY_INDEX;
      case 7: return PathSegment.ANY_SPARSE;
      default: return PathSegment.ANY_KEYED;
    }
  }

  static KindedPath randomPath(Random r, int maxDepth, boolean wildcards) {
    KindedPath p = KindedPath.ROOT;
    int n = r.nextInt(maxDepth + 1);
    for (int i = 0; i < n; i++) p = p.child(randomSegment(r, wildcards));
    return p;
  }

  @Test
  void referenceExamplesParseAndPrintCanonically() {
    KindedPath p = KindedPath.parse("a[0].b{1}.c");
    assertEquals(
        List.of(PathSegment.field("a"), PathSegment.index(0), PathSegment.field("b"),
            PathSegment.sparse(1), PathSegment.field("c")),
        p.segments());
    assertEquals("a[0].b{1}.c", p.toString());

    KindedPath q = KindedPath.parse("'field name'.value");
    assertEquals(List.of(PathSegment.field("field name"), PathSegment.field("value")), q.segments());
    assertEquals("\"field name\".value", q.toString());

    KindedPath d = KindedPath.parse("a.'b.c'");
    assertEquals(KindedPath.ROOT.field("a").field("b.c"), d);
    assertEquals("a.\"b.c\"", d.toString());

    KindedPath u = KindedPath.parse("data[0].users(jane).settings{1}");
    assertEquals(KindedPath.ROOT.field("data").index(0).field("users").keyed("jane")
        .field("settings").sparse(1), u);
    assertEquals("data[0].users(jane).settings{1}", u.toString());

    assertEquals("orders.ord-001.items(WIDGET-A).qty",
        KindedPath.parse("orders.ord-001.items(WIDGET-A).qty").toString());
  }

  @Test
  void pathsMayBeginWithAnyKindOfSegment() {
    assertEquals(KindedPath.ROOT.index(0).field("b"), KindedPath.parse("[0].b"));
    assertEquals(KindedPath.ROOT.sparse(13).field("c"), KindedPath.parse("{13}.c"));
    assertEquals(KindedPath.ROOT.keyed("k").field("x"), KindedPath.parse("(k).x"));
    assertEquals(KindedPath.ROOT.child(PathSegment.ANY_FIELD).field("x"), KindedPath.parse("*.x"));
    assertSame(KindedPath.ROOT, KindedPath.parse(""));
    assertEquals("", KindedPath.ROOT.toString());
    assertEquals("[0].b", KindedPath.parse("[0].b").toString());
  }

  @Test
  void quotingFollowsPathSyntax() {
    assertEquals("'say \"hi\"'", KindedPath.ROOT.field("say \"hi\"").toString());
    assertEquals("\"it's\"", KindedPath.ROOT.field("it's").toString());
    assertEquals("a.\"*\".*", KindedPath.parse("a.'*'.*").toString());
    assertEquals(PathSegment.field("*"), KindedPath.parse("a.'*'").lastSegment());
    assertEquals(PathSegment.ANY_FIELD, KindedPath.parse("a.*").lastSegment());
    assertEquals("a[*]{*}(*)", KindedPath.parse("a[*]{*}(*)").toString());
    assertEquals(PathSegment.keyed("*"), KindedPath.parse("a('*')").lastSegment());
    assertEquals("a(\"42\")", KindedPath.parse("a(42)").toString()); // PathSyntax quotes a leading digit
    assertEquals(KindedPath.parse("a(42)"), KindedPath.parse("a(\"42\")"));
    assertEquals("\"\".\"\"", KindedPath.ROOT.field("").field("").toString());
    assertEquals("a[7]{8}", KindedPath.parse("a[007]{0008}").toString());
    assertEquals("\"\\n\\u0001\"", KindedPath.ROOT.field("\n\u0001").toString());
    assertEquals(KindedPath.ROOT.field("\n\u0001é/"), KindedPath.parse("'\\n\\u0001\\u00e9\\/'"));
  }

  @Test
  void randomPathsRoundTripThroughText() {
    Random r = new Random(20240611);
    for (int iter = 0; iter < 10000; iter++) {
      KindedPath p = randomPath(r, 6, true);
      String s = p.toString();
      KindedPath back = KindedPath.parse(s);
      assertEquals(p, back, s);
      assertEquals(s, back.toString());
      assertEquals(p.hashCode(), back.hashCode());
      // Any other acceptable spelling parses to the same path and prints canonically.
      String alt = respell(p, r);
      KindedPath fromAlt = KindedPath.parse(alt);
      assertEquals(p, fromAlt, alt);
      assertEquals(s, fromAlt.toString());
    }
  }

  /** A non-canonical spelling of p: every name quoted, with a random quote character. */
  private static String respell(KindedPath p, Random r) {
    StringBuilder sb = new StringBuilder();
    for (PathSegment seg : p.segments()) {
      if (seg instanceof PathSegment.Field f) {
        if (sb.length() > 0) sb.append('.');
        quoteWith(sb, f.name(), r.nextBoolean() ? '\'' : '"');
      } else if (seg instanceof PathSegment.Keyed k) {
        sb.append('(');
        quoteWith(sb, k.key(), r.nextBoolean() ? '\'' : '"');
        sb.append(')');
      } else if (seg instanceof PathSegment.Index i) {
        sb.append("[").append("0".repeat(r.nextInt(2))).append(i.index()).append(']');
      } else {
        seg.appendTo(sb);
      }
    }
    return sb.toString();
  }

  private static void quoteWith(StringBuilder sb, String s, char q) {
    sb.append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04X", (int) c));
      else sb.append(c);
    }
    sb.append(q);
  }

  @Test
  void malformedPathsNameTheOffset() {
    Object[][] cases = {
      {"a.", 2}, {".a", 0}, {"a..b", 2}, {"a[", 2}, {"a[x]", 2}, {"a[-1]", 2}, {"a[1", 3},
      {"a{4294967296}", 2}, {"a[99999999999999999999]", 2}, {"a b", 0}, {"a.1b", 2}, {"a.true", 2},
      {"\"abc", 0}, {"a(\"x\"", 5}, {"a[1]b", 4}, {"a()", 2}, {"a(x", 3}, {"a(x y)", 3},
      {"'\\q'", 1}, {"'\\u12'", 1}, {"a.'x'y", 5}, {"a.b]", 2}, {"{}", 1}, {"a(", 2}, {"'\\u12g4'", 5},
    };
    for (Object[] c : cases) {
      String text = (String) c[0];
      try {
        KindedPath p = KindedPath.parse(text);
        fail("parsed " + text + " as " + p);
      } catch (MalformedPathException e) {
        assertEquals((int) c[1], e.offset(), text + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("offset " + c[1]), e.getMessage());
        assertEquals(text, e.input());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> KindedPath.parse("a.'"));
  }

  @Test
  void hostileInputFailsWithAShortMessage() {
    String huge = "a.".repeat(100_000) + "1x";
    MalformedPathException e = assertThrows(MalformedPathException.class, () -> KindedPath.parse(huge));
    assertEquals(200_000, e.offset());
    assertTrue(e.getMessage().length() < 400, e.getMessage());
  }

  @Test
  void anUnknownEscapeOfALineBreakIsQuotedOnOneLine() {
    MalformedPathException e =
        assertThrows(MalformedPathException.class, () -> KindedPath.parse("\"a\\\rb\""));
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().indexOf('\r') < 0 && e.getMessage().endsWith("unknown escape \"\\\\\\r\""), e.getMessage());
  }

  @Test
  void structure() {
    KindedPath abc = KindedPath.parse("a.b.c");
    assertEquals(KindedPath.parse("a.b"), abc.parent());
    assertEquals(KindedPath.ROOT, KindedPath.parse("a").parent());
    assertNull(KindedPath.ROOT.parent());
    assertNull(KindedPath.ROOT.lastSegment());
    assertEquals(3, abc.depth());
    assertEquals(PathSegment.field("c"), abc.lastSegment());
    assertEquals(KindedPath.parse("a"), abc.prefix(1));
    assertSame(KindedPath.ROOT, abc.prefix(0));
    assertEquals(abc, abc.prefix(3));
    assertEquals(KindedPath.parse("b.c"), abc.relativeTo(KindedPath.parse("a")));
    assertEquals(KindedPath.ROOT, abc.relativeTo(abc));
    assertEquals(abc, abc.relativeTo(KindedPath.ROOT));
    assertThrows(IllegalArgumentException.class, () -> abc.relativeTo(KindedPath.parse("b")));
    assertEquals(KindedPath.parse("a.b.c[0](x)"), abc.resolve(KindedPath.parse("[0](x)")));
    assertEquals(abc, KindedPath.ROOT.resolve(abc));
    assertThrows(IllegalArgumentException.class, () -> abc.prefix(4));
  }

  @Test
  void prefixAncestorChild() {
    KindedPath a = KindedPath.parse("a"), ab = KindedPath.parse("a.b"), abc = KindedPath.parse("a.b.c");
    assertTrue(ab.isChildOf(a));
    assertFalse(abc.isChildOf(a));
    assertFalse(a.isChildOf(a));
    assertTrue(a.isChildOf(KindedPath.ROOT));
    assertFalse(KindedPath.ROOT.isChildOf(KindedPath.ROOT));
    assertTrue(a.isPrefixOf(a));
    assertFalse(a.isAncestorOf(a));
    assertTrue(a.isPrefixOf(abc));
    assertTrue(a.isAncestorOf(abc));
    assertTrue(KindedPath.ROOT.isAncestorOf(a));
    assertTrue(KindedPath.ROOT.isPrefixOf(KindedPath.ROOT));
    assertFalse(abc.isPrefixOf(a));
    assertFalse(KindedPath.parse("a.c").isPrefixOf(abc));
    // Kinds matter: a field "0" is not the index 0, nor the sparse index 0.
    assertFalse(KindedPath.parse("x.\"0\"").isPrefixOf(KindedPath.parse("x[0]")));
    assertNotEquals(KindedPath.parse("x[0]"), KindedPath.parse("x{0}"));
    assertNotEquals(KindedPath.parse("x(a)"), KindedPath.parse("x.a"));
  }

  @Test
  void wildcardsMatchOneSegmentOfTheirKind() {
    KindedPath pat = KindedPath.parse("users(*).roles[*].*");
    assertTrue(pat.hasWildcard());
    assertTrue(pat.matches(KindedPath.parse("users(jane).roles[3].name")));
    assertFalse(pat.matches(KindedPath.parse("users(jane).roles{3}.name")));
    assertFalse(pat.matches(KindedPath.parse("users[0].roles[3].name")));
    assertFalse(pat.matches(KindedPath.parse("users(jane).roles[3]")));
    assertFalse(pat.matches(KindedPath.parse("users(jane).roles[3].name.x")));
    assertTrue(KindedPath.parse("a{*}").matches(KindedPath.parse("a{4294967295}")));
    assertFalse(KindedPath.parse("a.*").matches(KindedPath.parse("a{1}")));
    assertFalse(KindedPath.parse("a.b").hasWildcard());
    assertTrue(KindedPath.parse("a.b").matches(KindedPath.parse("a.b")));
    assertFalse(KindedPath.parse("a.'*'").matches(KindedPath.parse("a.b")));

    Random r = new Random(7);
    for (int i = 0; i < 5000; i++) {
      KindedPath c = randomPath(r, 5, false);
      PathSegment[] segs = c.toArray();
      for (int k = 0; k < segs.length; k++) {
        if (r.nextBoolean()) segs[k] = new PathSegment.Wildcard(segs[k].kind());
      }
      assertTrue(KindedPath.of(segs).matches(c), c.toString());
      assertTrue(c.matches(c));
    }
  }

  /** The rules, written out independently of the production comparator. */
  static int bruteCompare(KindedPath x, KindedPath y) {
    List<PathSegment> a = x.segments(), b = y.segments();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      PathSegment s = a.get(i), t = b.get(i);
      int rs = bruteRank(s), rt = bruteRank(t);
      if (rs != rt) return rs < rt ? -1 : 1;
      int c = 0;
      switch (rs) {
        case 0: c = ((PathSegment.Field) s).name().compareTo(((PathSegment.Field) t).name()); break;
        case 1: c = Long.compare(((PathSegment.Index) s).index(), ((PathSegment.Index) t).index()); break;
        case 2: c = Long.compare(((PathSegment.Sparse) s).index(), ((PathSegment.Sparse) t).index()); break;
        case 3: c = ((PathSegment.Keyed) s).key().compareTo(((PathSegment.Keyed) t).key()); break;
        default: c = 0;
      }
      if (c != 0) return c < 0 ? -1 : 1;
    }
    return Integer.signum(a.size() - b.size()); // a prefix sorts first
  }

  static int bruteRank(PathSegment s) {
    if (s.isWildcard()) {
      switch (s.kind()) {
        case FIELD: return 4;
        case INDEX: return 5;
        case SPARSE: return 6;
        default: return 7;
      }
    }
    switch (s.kind()) {
      case FIELD: return 0;
      case INDEX: return 1;
      case SPARSE: return 2;
      default: return 3;
    }
  }

  @Test
  void sortingMatchesTheRulesWrittenOut() {
    Random r = new Random(99);
    for (int round = 0; round < 60; round++) {
      List<KindedPath> paths = new ArrayList<>();
      KindedPath base = randomPath(r, 3, true);
      for (int i = 0; i < 60; i++) {
        // Share prefixes often so that the deciding position varies.
        KindedPath p = r.nextBoolean() ? base.prefix(r.nextInt(base.depth() + 1)) : KindedPath.ROOT;
        int extra = r.nextInt(4);
        for (int k = 0; k < extra; k++) p = p.child(randomSegment(r, true));
        paths.add(p);
      }
      List<KindedPath> mine = new ArrayList<>(paths);
      List<KindedPath> brute = new ArrayList<>(paths);
      mine.sort(null);
      brute.sort(KindedPathTest::bruteCompare);
      assertEquals(brute, mine);
      for (KindedPath x : paths) {
        for (KindedPath y : paths) {
          int c = Integer.signum(x.compareTo(y));
          assertEquals(bruteCompare(x, y), c, x + " vs " + y);
          assertEquals(-c, Integer.signum(y.compareTo(x)));
          assertEquals(c == 0, x.equals(y), x + " vs " + y);
          if (c == 0) assertEquals(x.hashCode(), y.hashCode());
        }
      }
    }
  }

  @Test
  void orderAtOnePosition() {
    String[] sorted = {
      "", "a", "a.\"\"", "a.B", "a.b", "a.b.c", "a.b[0]", "a.c", "a[2]", "a[10]", "a{0}", "a{3}",
      "a{10}", "a(A)", "a(b)", "a.*", "a[*]", "a{*}", "a(*)", "b",
    };
    List<KindedPath> ps = new ArrayList<>();
    for (int i = sorted.length - 1; i >= 0; i--) ps.add(KindedPath.parse(sorted[i]));
    ps.sort(null);
    List<String> out = new ArrayList<>();
    for (KindedPath p : ps) out.add(p.toString());
    assertEquals(List.of(sorted), out);
  }

  @Test
  void tenThousandSegmentsNeedNoStack() throws Exception {
    KindedPath p = KindedPath.ROOT;
    for (int i = 0; i < 10_000; i++) p = (i % 3 == 0) ? p.field("f" + i) : (i % 3 == 1) ? p.index(i) : p.keyed("k");
    KindedPath q = KindedPath.parse(p.toString());
    assertEquals(p, q);
    assertEquals(0, p.compareTo(q));
    assertTrue(p.parent().compareTo(q) < 0);
    assertTrue(p.parent().isAncestorOf(q));
    assertTrue(p.matches(q));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
      out.writeObject(KindedPath.ROOT);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(p, in.readObject());
      assertSame(KindedPath.ROOT, in.readObject());
    }
  }

  @Test
  void segmentsValidateTheirRanges() {
    assertThrows(IllegalArgumentException.class, () -> PathSegment.index(-1));
    assertThrows(IllegalArgumentException.class, () -> PathSegment.sparse(PathSegment.MAX_SPARSE_INDEX + 1));
    assertThrows(NullPointerException.class, () -> PathSegment.field(null));
    assertEquals("{4294967295}", KindedPath.ROOT.sparse(PathSegment.MAX_SPARSE_INDEX).toString());
    assertEquals("[9223372036854775807]", KindedPath.ROOT.index(Long.MAX_VALUE).toString());
    assertEquals(KindedPath.ROOT.index(Long.MAX_VALUE), KindedPath.parse("[9223372036854775807]"));
  }

  @Test
  void millionStepPathsParseAndSpellLinearly() {
    int n = 1_000_000;
    String text = "a" + ".a".repeat(n - 1) + "[7]";
    KindedPath p = KindedPath.parse(text);
    assertEquals(n + 1, p.depth());
    assertEquals(text, p.toString());
    assertEquals(PathSegment.index(7), p.lastSegment());
  }

  @Test
  void boundedSpellingStopsAtTheCap() {
    KindedPath p = KindedPath.parse("ab.c[10].\"é\"");
    String full = p.toString();
    int bytes = full.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertEquals(full, p.toStringWithin(bytes));
    assertEquals(null, p.toStringWithin(bytes - 1));
    assertEquals(p.depth(), p.prefixDepthWithin(bytes));
    assertEquals(3, p.prefixDepthWithin(bytes - 1)); // ab.c[10]
    assertEquals(1, p.prefixDepthWithin(2)); // ab
    assertEquals(0, p.prefixDepthWithin(1));
    // A million levels: decided from the first few thousand, never spelled whole.
    KindedPath deep = KindedPath.parse("a" + ".a".repeat(999_999));
    assertEquals(null, deep.toStringWithin(4096));
    assertEquals(2048, deep.prefixDepthWithin(4096)); // "a" + 2047 × ".a" = 4095 bytes
  }
}
