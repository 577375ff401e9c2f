package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logdex build}, {@code search}, {@code stats} and {@code verify DIR} through Main, with exit codes. */
class BuildCliTest {
  @TempDir static Path tmp;
  static Path out;

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }
  }

  static Run logdex(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = new Main(Commands.all()).run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  static Path sample(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path p = dir.resolve("samples/data").resolve(name);
      if (Files.isRegularFile(p)) return p;
      dir = dir.getParent();
    }
    throw new IllegalStateException(name);
  }

  @BeforeAll
  static void build() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(sample("commits.jsonl"), in.resolve("commits.jsonl"));
    Files.copy(sample("ops.jsonl"), in.resolve("ops.jsonl"));
    out = tmp.resolve("out");
    Run r = logdex("build", "--oplogs=" + in + "/*.jsonl", "--output=" + out, "--chunkBytes=32768",
        "--targetParallelism=2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000001 in " + out), r.out());
    assertTrue(r.out().contains("450 records, 0 bad records"), r.out());
  }

  @Test
  void buildUsageErrorsExitTwo() {
    assertEquals(ExitCode.USAGE, logdex("build", "--oplogs=x").code());
    assertEquals(ExitCode.USAGE, logdex("build", "--output=" + tmp.resolve("o2")).code());
    Run r = logdex("build", "--oplogs=x", "--output=y", "--badRecords=maybe");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("--badRecords"), r.err());
    assertEquals(ExitCode.USAGE, logdex("build", "--oplogs=x", "--output=y", "--noSuchBeamOption=1").code());
    assertEquals(ExitCode.USAGE, logdex("build", "stray-word", "--oplogs=x", "--output=y").code());
    assertEquals(ExitCode.OK, logdex("build", "--help").code());
  }

  @Test
  void buildWithFailingBadRecordExitsThreeNamingTheLine() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("bad-in"));
    String good = "{\"commit\": 1, \"seq\": 0, \"timestamp\": \"2025-01-01T00:00:00Z\", \"diff\": {}}\n";
    Files.writeString(in.resolve("x.jsonl"), good + "not json\n");
    Path o = tmp.resolve("bad-out");
    Run r = logdex("build", "--oplogs=" + in + "/x.jsonl", "--output=" + o, "--badRecords=fail");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("x.jsonl") && r.err().contains("offset " + good.length()), r.err());
    assertTrue(!Files.exists(o.resolve("manifest.json")), "nothing committed");
    // Skipping (the default), one bad record of two is over the default limit of 1%...
    r = logdex("build", "--oplogs=" + in + "/x.jsonl", "--output=" + o);
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("1 of 2 records of") && r.err().contains("dead-letter"), r.err());
    // ...and within a limit the user raised: the build commits, with one dead letter.
    r = logdex("build", "--oplogs=" + in + "/x.jsonl", "--output=" + o, "--maxBadRecordsFraction=0.5");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("1 bad records"), r.out());
  }

  @Test
  void searchPrintsHitsAsJsonLines() throws Exception {
    Run r = logdex("search", "--index=" + out, "--limit=3", "op:GET");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals(3, r.lines().size());
    for (String line : r.lines()) {
      Node hit = TreeParser.parse(line);
      assertTrue(hit.get("source").text().startsWith("g000001/logs/"));
      assertEquals(hit.get("offset"), hit.get("position"));
      Node record = hit.get("record");
      assertEquals("GET", record.get("diff").get("op").text());
      assertEquals(hit.get("commit"), record.get("commit"));
      // The record is what the log holds at that position.
      Run read = logdex("log", "read", out.resolve(hit.get("source").text()).toString(), hit.get("position").text());
      assertEquals(ExitCode.OK, read.code(), read.err());
      assertEquals(record, TreeParser.parse(read.out()));
    }
  }

  @Test
  void searchCountsAndExitsOneWithoutHits() {
    Run all = logdex("search", "--index=" + out, "--count", "op:GET OR op:PUT");
    Run get = logdex("search", "--index=" + out, "--count", "op:GET");
    Run put = logdex("search", "--index=" + out, "--count", "op:PUT");
    Run notGet = logdex("search", "--index=" + out, "--count", "op:GET OR op:PUT", "-op:GET");
    assertEquals(ExitCode.OK, all.code());
    long a = Long.parseLong(all.out().trim());
    long g = Long.parseLong(get.out().trim());
    long p = Long.parseLong(put.out().trim());
    assertEquals(a, g + p);
    assertEquals(p, Long.parseLong(notGet.out().trim()));
    Run none = logdex("search", "--index=" + out, "nosuchwordatall");
    assertEquals(ExitCode.NOT_FOUND, none.code());
    assertEquals("", none.out());
    assertEquals(ExitCode.NOT_FOUND, logdex("search", "--index=" + out, "--count", "nosuchwordatall").code());
    assertEquals(ExitCode.USAGE, logdex("search", "--index=" + out, "a OR").code());
    assertEquals(ExitCode.USAGE, logdex("search", "--index=" + out).code());
    assertEquals(ExitCode.USAGE, logdex("search", "--index=" + tmp.resolve("nope"), "x").code());
  }

  @Test
  void snapshotHitsPointAtTheirBytesInTheSnapshot() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("snap-in"));
    Path json = Files.copy(sample("cluster-state.json"), in.resolve("cluster-state.json"));
    Path o = tmp.resolve("snap-out");
    Run r = logdex("build", "--snapshots=" + json + "@7", "--output=" + o, "--maxSubDocumentBytes=4096");
    assertEquals(ExitCode.OK, r.code(), r.err());
    Run s = logdex("search", "--index=" + o, "--limit=100", "wednesday");
    assertEquals(ExitCode.OK, s.code(), s.err());
    byte[] file = Files.readAllBytes(json);
    for (String line : s.lines()) {
      Node hit = TreeParser.parse(line);
      assertEquals(json.toString(), hit.get("source").text());
      assertEquals(7, hit.get("commit").longValue());
      assertTrue(hit.get("position") == null);
      int off = (int) hit.get("offset").longValue();
      int len = (int) hit.get("length").longValue();
      assertEquals(TreeParser.parse(java.util.Arrays.copyOfRange(file, off, off + len)), hit.get("record"));
    }
    assertTrue(!s.lines().isEmpty());
    Run stats = logdex("stats", "--index=" + o);
    assertTrue(stats.out().contains("maxCommit\t7\n"), stats.out());
  }

  @Test
  void statsAndVerifyOfTheBuild() {
    Run s = logdex("stats", "--index=" + out, "--top=5");
    assertEquals(ExitCode.OK, s.code(), s.err());
    assertTrue(s.out().contains("generation\tg000001\n"), s.out());
    assertTrue(s.out().contains("inputRecords\t450\n"), s.out());
    assertEquals(5, s.lines().stream().filter(l -> l.startsWith("term\t")).count());
    Run v = logdex("verify", out.toString());
    assertEquals(ExitCode.OK, v.code(), v.out() + v.err());
    assertTrue(v.out().contains("/index\tok"), v.out());
  }
}
