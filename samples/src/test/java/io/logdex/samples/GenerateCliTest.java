package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCliTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int run(String... args) {
    stdout.reset();
    stderr.reset();
    return Generate.run(args, stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run());
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run("snapshot", "--out=-"));
    assertTrue(err().contains("missing --bytes"), err());
    assertEquals(2, run("snapshot", "--bytes=1q", "--out=-"));
    assertEquals(2, run("snapshot", "--bytes=1k", "--out=-"));
    assertEquals(2, run("snapshot", "--bytes=64k"));
    assertEquals(2, run("snapshot", "--bytes=64k", "--out=-", "--colour=red"));
    assertTrue(err().contains("unknown option --colour"), err());
    assertEquals(2, run("snapshot", "--bytes=64k", "--bytes=65k", "--out=-"));
    assertEquals(2, run("snapshot", "--bytes=64k", "--out=-", "--format=yaml"));
    assertEquals(2, run("snapshot", "--bytes=64k", "--out=-", "--seed=one"));
    assertEquals(2, run("snapshot", "64k"));
    assertEquals(2, run("snapshot-stream", "--bytes=64k", "--out=-", "--format=pretty"));
    assertEquals(2, run("oplog", "--out=-"));
    assertEquals(2, run("oplog", "--records=-3", "--out=-"));
    assertEquals(2, run("oplog", "--records=10", "--out=-", "--zstd=gzip"));
    assertEquals(2, run("oplog", "--records=10", "--out=-", "--frame-bytes=4k"));
    assertTrue(err().contains("--zstd=multi only"), err());
    assertEquals(2, run("oplog", "--records=10", "--out=-", "--zstd=multi", "--frame-bytes=2g"));
    assertEquals(2, run("oplog", "--records=10", "--out=-", "--zstd=multi", "--cut=word"));
    assertEquals(2, run("commitlog", "--out=-"));
    assertEquals(2, run("commitlog", "--commits=3", "--out=-", "--format=xml"));
    assertEquals(2, run("commitlog", "--commits=3", "--out=-", "--snapshot-bytes=1k"));
    assertEquals(2, run("samples"));
    assertEquals(0, stdout.size(), "nothing written on a usage error");
  }

  @Test
  void helpForEveryCommand() {
    assertEquals(0, run("--help"));
    assertTrue(err().contains("snapshot-stream"));
    for (String command : new String[] {"snapshot", "snapshot-stream", "commitlog", "oplog", "samples"}) {
      assertEquals(0, run(command, "--help"), command);
      assertTrue(err().startsWith("usage: Generate " + command), err());
    }
  }

  @Test
  void sizesParseAsBinaryUnits() {
    assertEquals(1L << 30, CliArgs.parseSize("bytes", "1g"));
    assertEquals(1L << 30, CliArgs.parseSize("bytes", "1GiB"));
    assertEquals(1L << 30, CliArgs.parseSize("bytes", "1gb"));
    assertEquals(200L << 20, CliArgs.parseSize("bytes", "200m"));
    assertEquals(64L << 10, CliArgs.parseSize("bytes", "64K"));
    assertEquals(4096, CliArgs.parseSize("bytes", "4096"));
    assertEquals(3L << 40, CliArgs.parseSize("bytes", "3t"));
    assertEquals(5_000_000, CliArgs.parseCount("records", "5_000_000"));
    for (String bad : new String[] {"", "g", "-1", "1.5g", "1 g", "99999999999999t", "0x10", "1e6"}) {
      assertThrows(UsageException.class, () -> CliArgs.parseSize("bytes", bad), bad);
    }
  }

  @Test
  void fileAndStdoutGiveTheSameBytesEveryTime(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.tony");
    Path b = dir.resolve("b.tony");
    assertEquals(0, run("snapshot", "--bytes=200k", "--format=wire", "--seed=5", "--out=" + a));
    assertTrue(err().startsWith("generated "), err());
    assertEquals(0, run("snapshot", "--bytes=200k", "--format=wire", "--seed=5", "--out=" + b));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertEquals(0, run("snapshot", "--bytes=200k", "--format=wire", "--seed=5", "--out=-"));
    assertArrayEquals(Files.readAllBytes(a), stdout.toByteArray());
    byte[] api = TestData.generate(out -> SnapshotGenerator.write(out, 200 * 1024, DocFormat.WIRE, 5));
    assertArrayEquals(api, stdout.toByteArray(), "the CLI is the API");
  }

  @Test
  void oplogCompressionFollowsOptionsAndFileName(@TempDir Path dir) throws IOException {
    Path zst = dir.resolve("ops.tsv.zst");
    assertEquals(0, run("oplog", "--records=500", "--seed=3", "--out=" + zst));
    byte[] single = Files.readAllBytes(zst);
    assertEquals(1, TestData.frameSizes(single).size(), ".zst defaults to one frame");
    assertEquals(0, run("oplog", "--records=500", "--seed=3", "--out=-"));
    byte[] plain = stdout.toByteArray();
    assertArrayEquals(plain, TestData.unzstd(single));
    assertEquals(0, run("oplog", "--records=500", "--seed=3", "--zstd=multi", "--frame-bytes=8k", "--cut=line",
        "--out=-"));
    byte[] multi = stdout.toByteArray();
    TestData.SeekTable table = TestData.SeekTable.read(multi);
    assertTrue(table.frames() > 10, "frames: " + table.frames());
    assertArrayEquals(plain, TestData.unzstd(multi));
    assertEquals(0, run("oplog", "--records=20", "--format=jsonl", "--seed=3", "--out=-"));
    OpLogChecks.assertJsonlMatchesTsv(stdout.toByteArray(), new String(plain, StandardCharsets.UTF_8), 20);
  }

  @Test
  void commitlogAndStreamCommands(@TempDir Path dir) throws IOException {
    assertEquals(0, run("commitlog", "--commits=20", "--format=tony", "--seed=" + SampleFiles.SEED, "--out=-"));
    byte[] sample = TestData.generate(out -> CommitLogGenerator.write(out, Layout.sample(), 20, DocFormat.WIRE,
        SampleFiles.SEED));
    assertArrayEquals(sample, stdout.toByteArray(), "without --snapshot-bytes the sample layout is used");
    assertEquals(0, run("commitlog", "--commits=20", "--snapshot-bytes=1m", "--out=-"));
    assertTrue(MiniDoc.parseLines(stdout.toByteArray(), MiniDoc.Mode.JSON).size() >= 20);
    assertEquals(0, run("snapshot-stream", "--bytes=100k", "--out=-"));
    assertTrue(MiniDoc.parseLines(stdout.toByteArray(), MiniDoc.Mode.JSON).size() > 50);
  }

  @Test
  void samplesCommandRewritesTheCommittedFiles(@TempDir Path dir) throws IOException {
    assertEquals(0, run("samples", "--dir=" + dir));
    for (String name : SampleFiles.names()) {
      assertArrayEquals(Files.readAllBytes(TestData.dataDir().resolve(name)), Files.readAllBytes(dir.resolve(name)),
          name);
    }
  }
}
