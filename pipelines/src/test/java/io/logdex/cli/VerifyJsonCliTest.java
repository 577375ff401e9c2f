package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdex.cli.BuildCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logdex verify --json}: one JSON object per line, a summary last, the exit codes of the
 * text form, on a good build, on one with a flipped byte in a postings file, and on a damaged log.
 */
class VerifyJsonCliTest {
  @TempDir static Path tmp;
  static Path out;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void build() {
    out = tmp.resolve("out");
    Run r = logdex("build", "--oplogs=" + BuildCliTest.sample("commits.jsonl") + "," + BuildCliTest.sample("ops.jsonl"),
        "--output=" + out, "--chunkBytes=32768", "--targetParallelism=2");
    assertEquals(ExitCode.OK, r.code(), r.err());
  }

  static List<JsonNode> lines(Run r) throws Exception {
    List<JsonNode> l = new ArrayList<>();
    for (String line : r.lines()) l.add(JSON.readTree(line));
    return l;
  }

  @Test
  void aGoodBuildIsOneLinePerLogAndIndexAndAnOkSummary() throws Exception {
    Run text = logdex("verify", out.toString());
    Run r = logdex("verify", "--index=" + out, "--json");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals("", r.err());
    List<JsonNode> l = lines(r);
    assertEquals(text.lines().size() + 1, l.size(), r.out()); // the text's lines, and the summary
    long records = 0;
    for (JsonNode n : l.subList(0, l.size() - 2)) {
      assertEquals("log", n.get("check").asText(), n.toString());
      assertTrue(n.get("ok").asBoolean(), n.toString());
      assertEquals(0, n.get("damages").size());
      records += n.get("records").asLong();
    }
    JsonNode index = l.get(l.size() - 2);
    assertEquals("index", index.get("check").asText());
    assertTrue(index.get("ok").asBoolean());
    assertTrue(index.get("file").asText().endsWith("/index"));
    assertTrue(text.out().contains(index.get("docs").asLong() + " docs, " + index.get("terms").asLong() + " terms"), text.out());
    JsonNode summary = l.get(l.size() - 1);
    assertEquals("summary", summary.get("check").asText());
    assertTrue(summary.get("ok").asBoolean());
    assertEquals(0, summary.get("exit").asInt());
    assertEquals(l.size() - 2, summary.get("logs").asLong());
    assertEquals(records, summary.get("records").asLong());
    long textRecords = 0;
    for (String line : text.lines()) {
      String[] f = line.split("\t");
      if (f[1].equals("ok") && f[2].endsWith(" payload bytes")) textRecords += Long.parseLong(f[2].split(" ")[0]);
    }
    assertEquals(textRecords, records);
    assertEquals(1, summary.get("indexes").asLong());
    assertFalse(summary.has("error"));
    // The positional form says the same.
    assertEquals(r.out(), logdex("verify", "--json", out.toString()).out());
  }

  @Test
  void aFlippedByteInAPostingsFileIsAFailedIndexLineAndExitThree() throws Exception {
    Path bad = tmp.resolve("bad");
    copy(out, bad);
    Path postings;
    try (Stream<Path> s = Files.walk(bad)) {
      postings = s.filter(p -> p.getFileName().toString().endsWith(".post")).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(postings);
    b[b.length / 2] ^= 0x5a; // a page's payload or its checksum: either way the page no longer checks
    Files.write(postings, b);

    Run text = logdex("verify", bad.toString());
    Run r = logdex("verify", "--index=" + bad, "--json");
    assertEquals(ExitCode.BAD_INPUT, text.code(), text.err());
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    assertEquals(text.err(), r.err()); // the same one line for people
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertTrue(r.err().contains(postings.getFileName().toString()), r.err());
    List<JsonNode> l = lines(r);
    JsonNode summary = l.get(l.size() - 1);
    assertEquals("summary", summary.get("check").asText());
    assertFalse(summary.get("ok").asBoolean());
    assertEquals(ExitCode.BAD_INPUT, summary.get("exit").asInt());
    assertEquals("logdex verify: " + summary.get("error").asText(), r.err().strip());
    assertTrue(summary.get("error").asText().contains(postings.getFileName() + ": offset "), summary.toString());
    assertTrue(summary.get("error").asText().contains("checksum mismatch"), summary.toString());
    assertEquals(0, summary.get("damagedLogs").asLong()); // no log is blamed
    // A page read when the index opens fails there; one read only by the page walk fails on the
    // index's own line. Either way no index line says ok.
    for (JsonNode n : l.subList(0, l.size() - 1)) {
      if (n.get("check").asText().equals("index")) {
        assertFalse(n.get("ok").asBoolean(), n.toString());
        assertEquals(summary.get("error"), n.get("error"));
      }
    }
    assertFalse(r.out().contains("Exception"), r.out());
  }

  @Test
  void aDamagedLogListsItsDamagesAndExitsThree() throws Exception {
    Path log = tmp.resolve("commits.log");
    assertEquals(ExitCode.OK, logdex("log", "write", "--from=" + BuildCliTest.sample("commits.jsonl"), "--to=" + log).code());
    byte[] b = Files.readAllBytes(log);
    b[b.length / 3] ^= 0x20;
    Path flipped = tmp.resolve("flipped.log");
    Files.write(flipped, b);

    Run ok = logdex("verify", "--json", log.toString());
    assertEquals(ExitCode.OK, ok.code(), ok.err());
    List<JsonNode> good = lines(ok);
    assertEquals(2, good.size(), ok.out());
    assertEquals(log.toString(), good.get(0).get("file").asText());
    assertTrue(good.get(1).get("ok").asBoolean());

    Run text = logdex("verify", flipped.toString());
    Run r = logdex("verify", "--json", flipped.toString());
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    List<JsonNode> l = lines(r);
    assertEquals(2, l.size(), r.out());
    JsonNode file = l.get(0);
    assertFalse(file.get("ok").asBoolean());
    assertTrue(file.get("damageCount").asLong() >= 1, file.toString());
    // Each damage the text lists, at the same offset.
    JsonNode first = file.get("damages").get(0);
    assertTrue(text.lines().get(0).startsWith(first.get("offset").asLong() + "\t" + first.get("reason").asText()), text.out());
    JsonNode summary = l.get(1);
    assertFalse(summary.get("ok").asBoolean());
    assertEquals(ExitCode.BAD_INPUT, summary.get("exit").asInt());
    assertEquals(1, summary.get("damagedLogs").asLong());
    assertEquals(file.get("damageCount").asLong(), summary.get("damages").asLong());
  }

  @Test
  void bothAnIndexAndAnArgumentIsAUsageError() {
    Run r = logdex("verify", "--json", "--index=" + out, out.toString());
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("", r.out());
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
