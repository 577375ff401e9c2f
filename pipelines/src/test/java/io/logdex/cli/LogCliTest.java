package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.TreeParser;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logdex log write|dump|read}, {@code verify} and {@code recover} on single log files. */
class LogCliTest {
  @TempDir Path tmp;

  private Path writeLog(boolean zstd) throws Exception {
    Path log = tmp.resolve(zstd ? "c.zst.log" : "c.log");
    BuildCliTest.Run r = zstd
        ? logdex("log", "write", "--from=" + BuildCliTest.sample("commits.jsonl"), "--to=" + log, "--zstd")
        : logdex("log", "write", "--from=" + BuildCliTest.sample("commits.jsonl"), "--to=" + log);
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote 200 entries"), r.out());
    return log;
  }

  @Test
  void writeThenDumpReproducesEveryInputLine() throws Exception {
    for (boolean zstd : new boolean[] {false, true}) {
      Path log = writeLog(zstd);
      BuildCliTest.Run d = logdex("log", "dump", log.toString());
      assertEquals(ExitCode.OK, d.code(), d.err());
      List<String> input = Files.readAllLines(BuildCliTest.sample("commits.jsonl"));
      List<String> lines = d.lines();
      assertEquals(input.size(), lines.size());
      long last = -1;
      for (int i = 0; i < lines.size(); i++) {
        String[] parts = lines.get(i).split("\t", 2);
        long pos = Long.parseLong(parts[0]);
        assertTrue(pos > last);
        last = pos;
        assertEquals(TreeParser.parse(input.get(i)), TreeParser.parse(parts[1]));
      }
      // --from and --limit: the records from the 11th on, two of them.
      String pos10 = lines.get(10).split("\t")[0];
      BuildCliTest.Run part = logdex("log", "dump", log.toString(), "--from=" + pos10, "--limit=2");
      assertEquals(List.of(lines.get(10), lines.get(11)), part.lines());
      BuildCliTest.Run one = logdex("log", "read", log.toString(), pos10);
      assertEquals(ExitCode.OK, one.code());
      assertEquals(lines.get(10).split("\t", 2)[1], one.out().trim());
      // A position inside a record is not a record.
      assertEquals(ExitCode.NOT_FOUND, logdex("log", "read", log.toString(), Long.toString(Long.parseLong(pos10) + 3)).code());
      assertEquals(ExitCode.NOT_FOUND, logdex("log", "read", log.toString(), "99999999").code());
      assertEquals(ExitCode.USAGE, logdex("log", "read", log.toString(), "abc").code());
    }
  }

  @Test
  void writeRefusesABadLineNamingIt() throws Exception {
    Path in = tmp.resolve("in.jsonl");
    Files.writeString(in, "{\"commit\": 1, \"seq\": 0, \"timestamp\": \"2025-01-01T00:00:00Z\", \"diff\": {}}\n\n"
        + "{\"commit\": 2, \"seq\": 0, \"timestamp\": \"yesterday\", \"diff\": {}}\n");
    Path log = tmp.resolve("bad.log");
    BuildCliTest.Run r = logdex("log", "write", "--from=" + in, "--to=" + log);
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertTrue(r.err().contains("line 3") && r.err().contains("timestamp"), r.err());
    assertTrue(!Files.exists(log), "no partial log is left");
    try (var s = Files.list(tmp)) {
      assertEquals(1, s.count(), "nor its temporary file");
    }
    assertEquals(ExitCode.USAGE, logdex("log", "write", "--to=" + log).code());
    assertEquals(ExitCode.USAGE, logdex("log", "frobnicate").code());
  }

  @Test
  void verifyReportsDamageAndRecoverCutsATornTail() throws Exception {
    Path log = writeLog(false);
    assertEquals(ExitCode.OK, logdex("verify", log.toString()).code());
    long size = Files.size(log);
    // A flipped byte in the middle: damage, exit 3, one "offset<TAB>reason" line per bad record.
    Path flipped = tmp.resolve("flipped.log");
    Files.copy(log, flipped);
    try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
      f.seek(size / 2);
      int b = f.read();
      f.seek(size / 2);
      f.write(b ^ 0x40);
    }
    BuildCliTest.Run v = logdex("verify", flipped.toString());
    assertEquals(ExitCode.BAD_INPUT, v.code());
    assertTrue(v.lines().size() >= 1);
    for (String l : v.lines()) assertTrue(l.matches("\\d+\t.+"), l);
    // recover refuses it: valid records follow the damage.
    assertEquals(ExitCode.BAD_INPUT, logdex("recover", flipped.toString()).code());
    // A torn tail: recover truncates after the last whole record.
    Path torn = tmp.resolve("torn.log");
    Files.write(torn, java.util.Arrays.copyOf(Files.readAllBytes(log), (int) size - 30));
    assertEquals(ExitCode.BAD_INPUT, logdex("verify", torn.toString()).code());
    BuildCliTest.Run rec = logdex("recover", torn.toString());
    assertEquals(ExitCode.OK, rec.code(), rec.err());
    assertTrue(rec.out().startsWith("truncated\t199 records kept"), rec.out());
    assertEquals(ExitCode.OK, logdex("verify", torn.toString()).code());
    assertEquals(199, logdex("log", "dump", torn.toString()).lines().size());
    assertTrue(logdex("recover", torn.toString()).out().startsWith("none"));
    assertEquals(ExitCode.USAGE, logdex("verify", tmp.resolve("missing.log").toString()).code());
  }
}
