package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prefixes, case rules and phrases against a brute-force model over generated s3dlio operations
 * and commit-log entries. The model matches on the documents' strings (lowercase compare, joined
 * words), never through Terms or the reader, so a wrong expansion, a wrong NOT over a verified
 * clause or a wrong case rule shows as a different hit list.
 */
class QueryModelTest {
  @TempDir static Path tmp;
  static final List<Doc> docs = new ArrayList<>();
  static IndexReader reader;

  static final String[] OPS = {"GET", "Get", "PUT", "HEAD", "DELETE", "get"};
  static final String[] MESSAGES = {
    "read at offset 4097 failed", "offset 4097", "4097 offset", "offset offset 4097 4097",
    "throttled by the server, retry", "throttle offset", "retry retry read", "Read At Offset 9",
    "SlowDown throttling at offset 4097 again"
  };

  /**
   * One record: top-level scalar fields (name, value as written), its string values, and (for the
   * model's speed) each value's words joined by single spaces, with a space at either end.
   */
  record Doc(long id, Map<String, String> fields, List<String> strings, List<String> joined) {
    Doc(long id, Map<String, String> fields, List<String> strings) {
      this(id, fields, strings, strings.stream().map(v -> " " + String.join(" ", words(v)) + " ").toList());
    }
  }

  @BeforeAll
  static void build() throws IOException {
    Random r = new Random(13);
    LocalIndexBuilder lb = new LocalIndexBuilder(tmp.resolve("idx"), tmp.resolve("work"), new IndexOptions(3, 10), BuildOptions.defaults());
    ShardBuilder b = lb.newShard();
    for (long d = 0; d < 3000; d++) {
      Map<String, String> fields = new LinkedHashMap<>();
      List<String> strings = new ArrayList<>();
      if (d % 2 == 0) { // an s3dlio operation
        fields.put("op", OPS[r.nextInt(OPS.length)]);
        fields.put("file", (r.nextBoolean() ? "dlio-unet3d-" : "Dlio-Resnet-") + r.nextInt(40) + "/img_" + r.nextInt(9) + ".npz");
        fields.put("client_id", "sai3-agent-" + r.nextInt(10));
        fields.put("bytes", Long.toString(r.nextInt(1 << 20)));
      } else { // a commit-log entry
        fields.put("commit", Long.toString(d / 2));
        fields.put("level", r.nextBoolean() ? "WARN" : "warn");
        strings.add(MESSAGES[r.nextInt(MESSAGES.length)]);
      }
      // Unique words "uid<n>": more than MAX_PREFIX_TERMS terms share the prefix "uid".
      for (int k = 0; k < 4; k++) strings.add("uid" + (d * 4 + k));
      for (Map.Entry<String, String> f : fields.entrySet()) {
        if (!f.getKey().equals("commit")) strings.add(f.getValue());
      }
      Doc doc = new Doc(d, fields, strings);
      docs.add(doc);
      int words = 0;
      for (String s : strings) words += b.addWords(d, s);
      for (Map.Entry<String, String> f : fields.entrySet()) b.addField(d, f.getKey(), f.getValue());
      b.addDocument(new DocRecord(d, 0, d, 1, words));
    }
    lb.finish();
    reader = IndexReader.open(tmp.resolve("idx"), new ReaderOptions(1 << 20));
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
  }

  /** The records' own check: the words of one string value, in order; fields by exact text. */
  static final RecordVerifier VERIFIER = (docId, record, q) -> {
    Doc d = docs.get((int) docId);
    if (q instanceof Query.Exact) return ((Query.Exact) q).value().equals(d.fields().get(((Query.Exact) q).name()));
    for (String s : d.strings()) {
      List<String> ws = new ArrayList<>();
      Words.forEach(s, ws::add);
      if (Words.containsRun(ws, ((Query.Phrase) q).words())) return true;
    }
    return false;
  };

  // ---- the model: plain string matching on the documents ----

  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.split("[^\\p{L}\\p{Nd}_]+")) if (!w.isEmpty()) out.add(w.toLowerCase(Locale.ROOT));
    return out;
  }

  static boolean hasWord(Doc d, String w) {
    return hasPhrase(d, w);
  }

  static boolean hasWordPrefix(Doc d, String p) {
    for (String s : d.joined()) if (s.contains(" " + p)) return true;
    return false;
  }

  static final Map<String, String> NEEDLES = new java.util.HashMap<>();

  static boolean hasPhrase(Doc d, String phrase) {
    String needle = NEEDLES.computeIfAbsent(phrase, p -> " " + String.join(" ", words(p)) + " ");
    for (String s : d.joined()) if (s.contains(needle)) return true;
    return false;
  }

  static boolean field(Doc d, String name, String value, boolean prefix, boolean exact) {
    String v = d.fields().get(name);
    if (v == null) return false;
    if (exact) return v.equals(value);
    String lv = v.toLowerCase(Locale.ROOT);
    String lq = value.toLowerCase(Locale.ROOT);
    return prefix ? lv.startsWith(lq) : lv.equals(lq);
  }

  /** A generated query: its text for the parser and its meaning for the model. */
  interface Pred {
    boolean test(Doc d);
  }

  record Gen(String text, Pred pred) {}

  static Gen leaf(Random r) {
    Doc d = docs.get(r.nextInt(docs.size()));
    switch (r.nextInt(7)) {
      case 0: { // a word, maybe cased differently
        List<String> ws = words(d.strings().get(r.nextInt(d.strings().size())));
        String w = ws.get(r.nextInt(ws.size()));
        String text = r.nextBoolean() ? w.toUpperCase(Locale.ROOT) : w;
        return new Gen(text, x -> hasWord(x, w));
      }
      case 1: { // a word prefix: empty expansion, a whole word, longer than any word
        List<String> ws = words(d.strings().get(r.nextInt(d.strings().size())));
        String w = ws.get(r.nextInt(ws.size()));
        String p = r.nextInt(5) == 0 ? w + "zz" : w.substring(0, Math.max(1, Math.min(w.length(), 2 + r.nextInt(w.length()))));
        if (p.startsWith("u")) p = w; // "u", "ui", "uid" expand past the bound (tested on its own)
        String fp = p;
        return new Gen(p + "*", x -> hasWordPrefix(x, fp));
      }
      case 2:
      case 3: { // a field value: any case, exact case, or a prefix
        List<String> names = new ArrayList<>(d.fields().keySet());
        String name = names.get(r.nextInt(names.size()));
        String v = d.fields().get(name);
        int how = r.nextInt(4);
        if (how == 0) return new Gen(name + ":=" + quoteIfNeeded(v), x -> field(x, name, v, false, true));
        if (how == 1) {
          String c = flipCase(r, v);
          return new Gen(name + ":=" + quoteIfNeeded(c), x -> field(x, name, c, false, true));
        }
        if (how == 2) {
          String p = flipCase(r, v.substring(0, 1 + r.nextInt(v.length())));
          return new Gen(name + ":" + quoteIfNeeded(p) + "*", x -> field(x, name, p, true, false));
        }
        String c = flipCase(r, v);
        return new Gen(name + ":" + quoteIfNeeded(c), x -> field(x, name, c, false, false));
      }
      default: { // a phrase: from a message (adjacent or not, repeated words), or two random words
        String m = MESSAGES[r.nextInt(MESSAGES.length)];
        List<String> ws = words(m);
        String phrase;
        if (r.nextBoolean() && ws.size() >= 2) {
          int i = r.nextInt(ws.size() - 1);
          int n = 2 + r.nextInt(Math.min(3, ws.size() - i) - 1);
          phrase = String.join(" ", ws.subList(i, i + n));
        } else {
          phrase = ws.get(r.nextInt(ws.size())) + " " + ws.get(r.nextInt(ws.size()));
        }
        String text = r.nextBoolean() ? phrase.toUpperCase(Locale.ROOT) : phrase;
        return new Gen("\"" + text + "\"", x -> hasPhrase(x, phrase));
      }
    }
  }

  static String flipCase(Random r, String v) {
    StringBuilder sb = new StringBuilder();
    for (char c : v.toCharArray()) sb.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    return sb.toString();
  }

  static String quoteIfNeeded(String v) {
    return v.matches("[A-Za-z0-9_./-]+") ? v : "\"" + v + "\"";
  }

  static Gen query(Random r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) {
      Gen g = leaf(r);
      return r.nextInt(4) == 0 ? new Gen("-" + g.text(), x -> !g.pred().test(x)) : g;
    }
    Gen a = query(r, depth - 1);
    Gen b = query(r, depth - 1);
    switch (r.nextInt(3)) {
      case 0:
        return new Gen("(" + a.text() + " " + b.text() + ")", x -> a.pred().test(x) && b.pred().test(x));
      case 1:
        return new Gen("(" + a.text() + " OR " + b.text() + ")", x -> a.pred().test(x) || b.pred().test(x));
      default:
        return new Gen("-(" + a.text() + " OR " + b.text() + ")", x -> !(a.pred().test(x) || b.pred().test(x)));
    }
  }

  static List<Long> expected(Pred p) {
    List<Long> out = new ArrayList<>();
    for (Doc d : docs) if (p.test(d)) out.add(d.id());
    return out;
  }

  static List<Long> actual(String text) throws IOException {
    List<Long> out = new ArrayList<>();
    Query q = Query.parse(text);
    for (Hit h : reader.search(q, Integer.MAX_VALUE, VERIFIER)) out.add(h.docId());
    assertEquals(out.size(), reader.count(q, VERIFIER), text);
    return out;
  }

  @Test
  void generatedQueriesMatchTheModel() throws IOException {
    Random r = new Random(7);
    int nonEmpty = 0;
    for (int i = 0; i < 400; i++) {
      Gen g = query(r, 3);
      List<Long> want = expected(g.pred());
      assertEquals(want, actual(g.text()), g.text());
      if (!want.isEmpty() && want.size() < docs.size()) nonEmpty++;
    }
    assertTrue(nonEmpty > 200, "queries that select something: " + nonEmpty);
  }

  @Test
  void prefixesAtTheirEdges() throws IOException {
    assertEquals(List.of(), actual("zzqx*"), "empty expansion");
    assertEquals(List.of(), actual("uid11999zz*"), "longer than any term");
    assertEquals(List.of(2999L), actual("uid11999*"), "the prefix is a whole term, none longer");
    assertEquals(expected(d -> hasWordPrefix(d, "uid120")), actual("uid120*"), "uid120, uid1200..uid1209, uid12000..");
    assertEquals(expected(d -> hasWordPrefix(d, "thrott")), actual("THROTT*"));
    assertEquals(expected(d -> field(d, "file", "dlio-unet3d", true, false)), actual("file:DLIO-unet3d*"));
    assertEquals(expected(d -> d.fields().containsKey("op")), actual("op:*"), "a field's every value");
    assertEquals(expected(d -> !hasWordPrefix(d, "thrott") && hasWord(d, "offset")), actual("offset -thrott*"));
    assertEquals(expected(d -> !field(d, "file", "dlio-r", true, false)), actual("-file:dlio-r*"));
    assertEquals(List.of(), actual("file:dlio-unet3d-1/img_0.npzz*"));
  }

  @Test
  void aPrefixPastTheBoundIsRefusedNamingItsColumn() {
    QueryException e = assertThrows(QueryException.class, () -> actual("offset uid*"));
    assertEquals("query column 8: 'uid*' matches more than " + IndexReader.MAX_PREFIX_TERMS + " terms; use a longer prefix", e.getMessage());
    assertThrows(QueryException.class, () -> actual("-u*"));
  }

  @Test
  void caseRulesBothWays() throws IOException {
    List<Long> anyGet = expected(d -> "get".equalsIgnoreCase(d.fields().get("op")));
    assertEquals(anyGet, actual("op:get"));
    assertEquals(anyGet, actual("op:GET"));
    assertEquals(anyGet, actual("op:gEt"));
    assertEquals(expected(d -> "GET".equals(d.fields().get("op"))), actual("op:=GET"));
    assertEquals(expected(d -> "get".equals(d.fields().get("op"))), actual("op:=get"));
    assertEquals(List.of(), actual("op:=gET"));
    assertEquals(expected(d -> "get".equalsIgnoreCase(d.fields().get("op")) && !"Get".equals(d.fields().get("op"))), actual("op:get -op:=Get"));
    assertEquals(expected(d -> "WARN".equals(d.fields().get("level")) || "PUT".equals(d.fields().get("op"))), actual("level:=WARN OR op:=PUT"));
  }

  @Test
  void phrasesAreConsecutiveWordsOfOneValue() throws IOException {
    List<Long> adjacent = expected(d -> hasPhrase(d, "offset 4097"));
    assertEquals(adjacent, actual("\"offset 4097\""));
    // "4097 offset" alone holds both words, not in this order: a candidate, refused on the record.
    assertTrue(expected(d -> hasWord(d, "offset") && hasWord(d, "4097")).size() > adjacent.size());
    assertEquals(expected(d -> hasPhrase(d, "offset offset 4097")), actual("\"offset offset 4097\""), "repeated words");
    assertEquals(expected(d -> hasPhrase(d, "retry retry")), actual("\"RETRY retry\""));
    assertEquals(expected(d -> hasPhrase(d, "at offset")), actual("\"at offset\""));
    assertEquals(expected(d -> hasWord(d, "offset") && !hasPhrase(d, "offset 4097")), actual("offset -\"offset 4097\""));
    assertEquals(expected(d -> !hasPhrase(d, "offset 4097")), actual("-\"offset 4097\""));
    assertEquals(expected(d -> hasPhrase(d, "4097 offset") || hasPhrase(d, "throttle offset")), actual("\"4097 offset\" OR \"throttle offset\""));
    assertEquals(List.of(), actual("\"failed read\""));
  }
}
