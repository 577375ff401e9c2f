package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.BuildCliTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.encode.Encoder;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs mean what they say, end to end through {@code logdex build}, {@code search}, {@code log
 * dump} and the document commands: JSON by name (or --format=json) is strict, Tony is opt-in, and
 * every stored record is the input's value, numbers by their digits.
 */
class StrictInputsCliTest {
  static final String THREAD = "10873903663032719337";

  @TempDir Path tmp;

  private Path copy(String sample, String as) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    return Files.copy(sample(sample), in.resolve(as));
  }

  private BuildCliTest.Run build(String... args) {
    List<String> all = new ArrayList<>(List.of("build", "--targetParallelism=1"));
    all.addAll(List.of(args));
    return logdex(all.toArray(String[]::new));
  }

  /** Every `log dump` line of every log of the build's generation, as the entry's JSON text. */
  private List<String> dumped(Path out) throws IOException {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> logs = Files.walk(out)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        BuildCliTest.Run d = logdex("log", "dump", log.toString());
        assertEquals(ExitCode.OK, d.code(), d.err());
        for (String line : d.lines()) entries.add(line.split("\t", 2)[1]);
      }
    }
    return entries;
  }

  /** The reasons in the dead-letter files of a build. */
  private List<String> deadLetters(Path out) throws IOException {
    List<String> reasons = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(p -> p.toString().contains("dead-letter") && Files.isRegularFile(p)).toList()) {
        for (String line : Files.readAllLines(f)) {
          byte[] b = line.getBytes(StandardCharsets.UTF_8);
          if (!line.isBlank()) reasons.add(TreeParser.parseJson(b, 0, b.length, f.toString()).get("reason").text());
        }
      }
    }
    return reasons;
  }

  @Test
  void s3dlioJsonlRecordsComeBackByteForByte() throws Exception {
    Path ops = copy("ops.jsonl", "ops.jsonl");
    Path out = tmp.resolve("ops");
    BuildCliTest.Run r = build("--oplogs=" + ops, "--output=" + out);
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("250 records, 0 bad records"), r.out());
    Set<String> input = new HashSet<>(Files.readAllLines(ops));
    Set<String> stored = new HashSet<>();
    for (String entry : dumped(out)) {
      byte[] b = entry.getBytes(StandardCharsets.UTF_8);
      Node diff = TreeParser.parseJson(b, 0, b.length, "dump").get("diff");
      stored.add(Encoder.toJsonString(diff));
    }
    assertEquals(input, stored, "each record is its input line, u64 threads and all");
  }

  @Test
  void au64ThreadStaysANumberFromTsvAndJsonlThroughSearch() throws Exception {
    Path tsv = copy("ops.tsv.zst", "ops.tsv.zst");
    Path jsonl = copy("ops.jsonl", "ops.jsonl");
    Path out = tmp.resolve("both");
    BuildCliTest.Run r = build("--oplogs=" + tsv + "," + jsonl, "--output=" + out);
    assertEquals(ExitCode.OK, r.code(), r.err());
    BuildCliTest.Run s = logdex("search", "--index=" + out, "--limit=1000", "thread:" + THREAD);
    assertEquals(ExitCode.OK, s.code(), s.err());
    assertEquals(45, s.lines().size(), "40 TSV rows and 5 JSONL lines hold this thread");
    for (String hit : s.lines()) {
      assertTrue(hit.contains("\"thread\":" + THREAD + ","), hit);
      byte[] b = hit.getBytes(StandardCharsets.UTF_8);
      Node thread = TreeParser.parseJson(b, 0, b.length, "hit").get("record").get("diff").get("thread");
      assertEquals(Node.integer(THREAD), thread);
    }
    assertTrue(dumped(out).stream().anyMatch(e -> e.contains("\"thread\":" + THREAD + ",")));
  }

  @Test
  void tonyOpLogsAreTonyAndTheSameBytesNamedJsonAreDeadLetters() throws Exception {
    Path tony = copy("commits.tony", "commits.tony");
    BuildCliTest.Run ok = build("--oplogs=" + tony, "--output=" + tmp.resolve("tony"));
    assertEquals(ExitCode.OK, ok.code(), ok.err());
    assertTrue(ok.out().contains("200 records, 0 bad records"), ok.out());

    Path json = copy("commits.tony", "commits-really-tony.jsonl");
    Path out = tmp.resolve("json");
    // Every record bad: the build fails (nothing committed), its dead letters kept for the user.
    BuildCliTest.Run bad = build("--oplogs=" + json, "--output=" + out);
    assertEquals(ExitCode.BAD_INPUT, bad.code(), bad.err());
    assertTrue(bad.err().contains("all 200 records of " + json + " are bad"), bad.err());
    List<String> reasons = deadLetters(out);
    assertEquals(200, reasons.size());
    // The first line: `{commit: 1, ...`; the bare key is at column 2 of line 1, offset 1.
    assertTrue(reasons.contains("at \"\": expected a double-quoted key, found 'c' (offset 1, column 2)"),
        reasons.get(0));

    BuildCliTest.Run declared = build("--oplogs=" + json, "--output=" + tmp.resolve("declared"), "--format=tony");
    assertEquals(ExitCode.OK, declared.code(), declared.err());
    assertTrue(declared.out().contains("200 records, 0 bad records"), declared.out());
    assertEquals(ExitCode.USAGE, build("--oplogs=" + json, "--output=" + tmp.resolve("x"), "--format=yaml").code());
  }

  @Test
  void opLogLinesThatAreNotJsonNameOffsetLineColumnAndPath() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("lines")).resolve("x.jsonl");
    Files.writeString(in, "{\"a\":1}\n{\"a\":/*comment*/\"b\"}\n{\"a\":[1,2,]}\n{\"k\":1,\"k\":2}\n"
        + "{\"s\":\"caf\u00e9\"}\n");
    Files.write(in, new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}', '\n'},
        java.nio.file.StandardOpenOption.APPEND);
    Path out = tmp.resolve("lines-out");
    // 4 bad of 6 is over the default limit; raised, the build commits with its dead letters.
    assertEquals(ExitCode.BAD_INPUT, build("--oplogs=" + in, "--output=" + out).code());
    BuildCliTest.Run r = build("--oplogs=" + in, "--output=" + out, "--maxBadRecordsFraction=1");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("6 records, 4 bad records"), r.out());
    // A split plain file does not know its line numbers; the offset and column say where.
    assertEquals(List.of(
        "at \"a\": expected a value, found a comment (not JSON; Tony inputs allow it) (offset 13, column 6)",
        "at \"a[1]\": a trailing comma before ']' (not JSON; Tony inputs allow it) (offset 39, column 11)",
        "at \"k\": duplicate key k in one object (offset 49, column 8)",
        "at \"s\": invalid UTF-8: an overlong encoding (bytes c0) (offset 76, column 7)"),
        deadLetters(out));
    // A stream read whole (gzip) knows them too.
    Path gz = in.resolveSibling("x.jsonl.gz");
    try (var z = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      z.write(Files.readAllBytes(in));
    }
    Path gzOut = tmp.resolve("lines-gz");
    assertEquals(ExitCode.OK, build("--oplogs=" + gz, "--output=" + gzOut, "--maxBadRecordsFraction=1").code());
    assertEquals("at \"a\": expected a value, found a comment (not JSON; Tony inputs allow it)"
        + " (offset 13, line 2, column 6)", deadLetters(gzOut).get(0));
  }

  @Test
  void snapshotsAreStrictJsonByNameAndAnEmptyOneHasNoValue() throws Exception {
    Path json = copy("cluster-state.json", "cluster-state.json");
    Path tony = copy("cluster-state.tony", "cluster-state.tony");
    for (Path p : List.of(json, tony)) {
      BuildCliTest.Run r = build("--snapshots=" + p + "@0", "--output=" + tmp.resolve("s-" + p.getFileName()));
      assertEquals(ExitCode.OK, r.code(), r.err());
      assertTrue(r.out().contains("0 dead-letter files"), r.out());
    }
    Path empty = Files.writeString(tmp.resolve("in/empty.json"), "");
    Path tonyNamedJson = copy("cluster-state.tony", "cluster-state-really-tony.json");
    for (Path p : List.of(empty, tonyNamedJson)) {
      Path out = tmp.resolve("bad-" + p.getFileName());
      // A snapshot that does not parse fails the build; its one dead letter stays for the user.
      BuildCliTest.Run r = build("--snapshots=" + p + "@0", "--output=" + out);
      assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
      assertTrue(r.err().contains("does not parse as a whole"), r.err());
      List<String> reasons = deadLetters(out);
      assertEquals(1, reasons.size());
      assertTrue(reasons.get(0).startsWith(p == empty ? "no value" : "expected a double-quoted key"),
          reasons.get(0));
    }
    BuildCliTest.Run declared = build("--snapshots=" + tonyNamedJson + "@0",
        "--output=" + tmp.resolve("declared-snapshot"), "--format=tony");
    assertTrue(declared.out().contains("0 dead-letter files"), declared.out());
  }

  @Test
  void documentCommandsFollowTheNameOrFormat() throws Exception {
    Path json = Files.writeString(Files.createDirectories(tmp.resolve("docs")).resolve("c.json"),
        "{\"a\":/*comment*/\"b\"}");
    Path tony = Files.writeString(tmp.resolve("docs/c.json.tony"), "{\"a\":/*comment*/\"b\"}");
    BuildCliTest.Run strict = logdex("paths", json.toString());
    assertEquals(ExitCode.BAD_INPUT, strict.code());
    assertTrue(strict.err().contains("offset 5, line 1, column 6, path \"a\": expected a value,"
        + " found a comment"), strict.err());
    // In Tony the same bytes are {a: "/*comment*/", b: null}.
    assertEquals(List.of("5\t11\ta", "19\t0\tb"), logdex("paths", tony.toString()).lines());
    assertEquals(List.of("5\t11\ta", "19\t0\tb"), logdex("paths", "--format=tony", json.toString()).lines());
    assertEquals(ExitCode.BAD_INPUT, logdex("convert", "--to=wire", json.toString()).code());
    assertEquals(ExitCode.BAD_INPUT, logdex("paths", "--format=json", tony.toString()).code());
    assertEquals(ExitCode.USAGE, logdex("paths", "--format=yaml", json.toString()).code());
    Path empty = Files.writeString(tmp.resolve("docs/empty.json"), " \n");
    assertTrue(logdex("paths", empty.toString()).err().contains("no value"));

    Path tonyLog = copy("commits.tony", "commits.tony");
    Path jsonNamed = copy("commits.tony", "commits-tony.jsonl");
    BuildCliTest.Run w = logdex("log", "write", "--from=" + tonyLog, "--to=" + tmp.resolve("t.log"));
    assertEquals(ExitCode.OK, w.code(), w.err());
    assertTrue(w.out().startsWith("wrote 200 entries"), w.out());
    BuildCliTest.Run refused = logdex("log", "write", "--from=" + jsonNamed, "--to=" + tmp.resolve("j.log"));
    assertEquals(ExitCode.BAD_INPUT, refused.code());
    assertTrue(refused.err().contains("offset 1, line 1, column 2"), refused.err());
    assertEquals(ExitCode.OK, logdex("log", "write", "--format=tony", "--from=" + jsonNamed,
        "--to=" + tmp.resolve("j2.log")).code());
  }
}
