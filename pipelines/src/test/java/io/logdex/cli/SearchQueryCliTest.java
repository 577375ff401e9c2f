package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.BuildCliTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.IndexReader;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logdex search} with prefixes, case rules and phrases, checked on the real record reader
 * (RecordChecks) against a brute-force model of a generated commit log; syntax errors exit 2
 * naming the column.
 */
class SearchQueryCliTest {
  @TempDir static Path tmp;
  static Path out;
  static final List<Node> diffs = new ArrayList<>(); // diffs.get(c - 1) is commit c's

  static final String[] LEVELS = {"WARN", "warn", "Warn", "ERROR"};
  static final String[] MESSAGES = {
    "read at offset 4097 failed", "4097 offset", "offset offset 4097 4097", "throttled, retry",
    "Throttle at Offset 4097", "retry retry read"
  };

  @BeforeAll
  static void build() throws Exception {
    Random r = new Random(5);
    StringBuilder log = new StringBuilder();
    for (int c = 1; c <= 300; c++) {
      StringBuilder uids = new StringBuilder();
      // 34 unique words an entry: more than 10,000 share the prefix "uid".
      for (int k = 0; k < 34; k++) uids.append(" uid").append(c * 34 + k);
      String diff = "{\"level\":\"" + LEVELS[r.nextInt(LEVELS.length)] + "\",\"msg\":\"" + MESSAGES[r.nextInt(MESSAGES.length)]
          + "\",\"file\":\"" + (r.nextBoolean() ? "dlio-unet3d-" : "DLIO-resnet-") + r.nextInt(9) + ".npz\",\"ids\":\"" + uids + "\"}";
      diffs.add(TreeParser.parse(diff));
      log.append("{\"commit\":").append(c).append(",\"seq\":0,\"timestamp\":\"2025-10-09T10:47:32.394Z\",\"diff\":").append(diff).append("}\n");
    }
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("commits.jsonl"), log.toString(), StandardCharsets.UTF_8);
    Files.copy(sample("ops.jsonl"), in.resolve("ops.jsonl"));
    out = tmp.resolve("out");
    BuildCliTest.Run b = logdex("build", "--oplogs=" + in + "/*.jsonl", "--output=" + out);
    assertEquals(0, b.code(), b.err());
  }

  static String text(Node diff, String field) {
    return diff.get(field).text();
  }

  static List<String> words(String s) {
    List<String> w = new ArrayList<>();
    for (String x : s.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) if (!x.isEmpty()) w.add(x);
    return w;
  }

  static boolean phrase(Node diff, String p) {
    String needle = " " + String.join(" ", words(p)) + " ";
    for (String f : new String[] {"level", "msg", "file", "ids"}) {
      if ((" " + String.join(" ", words(text(diff, f))) + " ").contains(needle)) return true;
    }
    return false;
  }

  /** The commits of the generated log the model selects. */
  static TreeSet<Long> model(Predicate<Node> p) {
    TreeSet<Long> s = new TreeSet<>();
    for (int i = 0; i < diffs.size(); i++) if (p.test(diffs.get(i))) s.add(i + 1L);
    return s;
  }

  /** The commits of the hits from the generated log (op-log hits have no level field). */
  static TreeSet<Long> search(String query) throws Exception {
    BuildCliTest.Run r = logdex("search", "--index=" + out, "--limit=100000", query);
    assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.NOT_FOUND, query + ": " + r.err());
    TreeSet<Long> s = new TreeSet<>();
    for (String line : r.lines()) {
      Node rec = TreeParser.parse(line).get("record");
      if (rec.get("diff").get("level") != null) s.add(Long.parseLong(rec.get("commit").text()));
    }
    return s;
  }

  static long count(String query) {
    BuildCliTest.Run r = logdex("search", "--index=" + out, "--count", query);
    assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.NOT_FOUND, query + ": " + r.err());
    return Long.parseLong(r.out().trim());
  }

  @Test
  void caseRulesBothWays() throws Exception {
    assertEquals(model(d -> text(d, "level").equalsIgnoreCase("warn")), search("level:warn"));
    assertEquals(model(d -> text(d, "level").equalsIgnoreCase("warn")), search("level:WARN"));
    assertEquals(model(d -> text(d, "level").equals("Warn")), search("level:=Warn"));
    assertEquals(model(d -> text(d, "level").equalsIgnoreCase("warn") && !text(d, "level").equals("WARN")), search("level:warn -level:=WARN"));
    assertEquals(new TreeSet<Long>(), search("level:=wARN"));
    long get = count("op:GET");
    assertTrue(get > 0);
    assertEquals(get, count("op:get"), "op:get finds op:GET");
    assertEquals(get, count("op:=GET"));
    assertEquals(ExitCode.NOT_FOUND, logdex("search", "--index=" + out, "op:=get").code());
    assertEquals(count("commit:7"), count("commit:=7"));
  }

  @Test
  void prefixes() throws Exception {
    assertEquals(model(d -> words(text(d, "msg")).stream().anyMatch(w -> w.startsWith("thrott"))), search("THROTT*"));
    assertEquals(model(d -> text(d, "file").toLowerCase(Locale.ROOT).startsWith("dlio-unet3d")), search("file:DLIO-unet3d*"));
    assertEquals(model(d -> text(d, "ids").contains("uid3400 ")), search("uid3400*"), "the prefix is a whole term");
    assertEquals(new TreeSet<Long>(), search("uid10233zz*"), "longer than any term");
    assertEquals(model(d -> !words(text(d, "msg")).contains("retry") && !text(d, "file").startsWith("DLIO")), search("level:* -retr* -file:dlio-r*"));
    BuildCliTest.Run wide = logdex("search", "--index=" + out, "--count", "offset uid*");
    assertEquals(ExitCode.USAGE, wide.code());
    assertTrue(wide.err().contains("query column 8: 'uid*' matches more than " + IndexReader.MAX_PREFIX_TERMS + " terms; use a longer prefix"), wide.err());
    assertEquals(1, wide.err().split("\n").length, wide.err());
  }

  @Test
  void phrasesAreVerifiedOnTheRecords() throws Exception {
    TreeSet<Long> adjacent = model(d -> phrase(d, "offset 4097"));
    assertEquals(adjacent, search("\"offset 4097\""));
    assertTrue(model(d -> words(text(d, "msg")).containsAll(List.of("offset", "4097"))).size() > adjacent.size(), "'4097 offset' is a candidate only");
    assertEquals(model(d -> phrase(d, "offset offset 4097")), search("\"Offset offset 4097\""), "repeated words");
    assertEquals(model(d -> phrase(d, "retry retry")), search("\"retry retry\""));
    assertEquals(model(d -> words(text(d, "msg")).contains("offset") && !phrase(d, "offset 4097")), search("offset -\"offset 4097\""));
    assertEquals(model(d -> phrase(d, "4097 offset") || phrase(d, "at offset")), search("\"4097 offset\" OR \"at offset\""));
    assertEquals(adjacent.size(), count("\"offset 4097\" level:*"));
  }

  @Test
  void syntaxErrorsExitTwoNamingTheColumn() {
    String[][] cases = {
      {"op:GET (gs OR s3", "query column 8: '(' is never closed"},
      {"op:GET)", "query column 7: unmatched ')'"},
      {"a \"offset 4097", "query column 3: unterminated quote"},
      {"op:", "query column 3: 'op:' needs a value"},
      {":GET", "query column 1: a field needs a name before ':'"},
      {"*", "query column 1: '*' needs a prefix before it"},
      {"op:=", "query column 4: ':=' needs a value"},
    };
    for (String[] c : cases) {
      BuildCliTest.Run r = logdex("search", "--index=" + out, c[0]);
      assertEquals(ExitCode.USAGE, r.code(), c[0]);
      assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err());
      assertEquals(1, r.err().split("\n").length, r.err());
    }
  }
}
