package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.BuildCliTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logdex.cli.BuildCliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or unlucky user did to a build (issue: trust): a foreign output directory, and
 * inputs that must fail the build without touching the generation that answers queries now.
 */
class BuildFailureCliTest {
  @TempDir static Path tmp;
  static Path in;

  @BeforeAll
  static void inputs() throws Exception {
    in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(sample("commits.jsonl"), in.resolve("commits.jsonl"));
    Files.copy(sample("cluster-state.json"), in.resolve("state.json"));
  }

  /** A fresh output with one good generation: the snapshot and the commit log. */
  private static Path goodOutput(String name) {
    Path out = tmp.resolve(name);
    Run r = logdex("build", "--snapshots=" + in.resolve("state.json") + "@0",
        "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + out);
    assertEquals(ExitCode.OK, r.code(), r.err());
    return out;
  }

  private static String count(Path out) {
    Run r = logdex("search", "--index=" + out, "--count", "canary");
    assertEquals(ExitCode.OK, r.code(), r.err());
    return r.out().trim();
  }

  /** Builds into a good output and checks it fails, one line, exit 3, and the old index still answers. */
  private static Run failsKeepingTheOldGeneration(Path out, String... args) throws Exception {
    byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
    String before = count(out);
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = "--output=" + out;
    String[] cmd = new String[all.length + 1];
    cmd[0] = "build";
    System.arraycopy(all, 0, cmd, 1, all.length);
    Run r = logdex(cmd);
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.out() + r.err());
    // Off a terminal the phases that ended come first, a line each (--progress); the failure is one line.
    String[] lines = r.err().strip().split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      assertTrue(lines[i].matches("logdex build: (plan|ingest|merge): .*"), r.err());
    }
    assertTrue(lines[lines.length - 1].startsWith("logdex build: build failed, nothing committed"), r.err());
    assertTrue(r.err().contains("nothing committed") && r.err().contains("still holds g000001"), r.err());
    assertTrue(Arrays.equals(manifest, Files.readAllBytes(out.resolve("manifest.json"))), "manifest untouched");
    assertEquals(before, count(out), "the old generation still answers");
    Run v = logdex("verify", out.toString());
    assertEquals(ExitCode.OK, v.code(), v.out() + v.err());
    return r;
  }

  @Test
  void aTempLocationOnAnotherFileSystemIsRefusedInOneLineBeforeAnythingChanges() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)),
        "needs a second file system");
    Path out = goodOutput("other-fs");
    byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
    Path temp = shm.resolve("logdex-cli-test-" + ProcessHandle.current().pid());
    Run r = logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + out, "--tempLocation=" + temp);
    assertEquals(ExitCode.USAGE, r.code(), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertTrue(r.err().contains("another file system") && r.err().contains(temp.toString()), r.err());
    assertFalse(Files.exists(temp));
    assertFalse(Files.exists(out.resolve("pending.json")));
    assertTrue(Arrays.equals(manifest, Files.readAllBytes(out.resolve("manifest.json"))));
  }

  @Test
  void aForeignDirectoryIsRefusedAndNothingInItChanges() throws Exception {
    Path dir = tmp.resolve("thesis");
    Files.createDirectories(dir.resolve("g000001"));
    Files.createDirectories(dir.resolve("g000007"));
    Files.writeString(dir.resolve("g000001/thesis.tex"), "\\chapter{One}");
    Files.writeString(dir.resolve("g000007/precious.txt"), "precious");
    Files.writeString(dir.resolve(".manifest.json.mine.tmp"), "mine");
    Run r = logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + dir);
    assertEquals(ExitCode.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("refusing to build into") && r.err().contains("no logdex manifest"), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertEquals("\\chapter{One}", Files.readString(dir.resolve("g000001/thesis.tex")));
    assertEquals("precious", Files.readString(dir.resolve("g000007/precious.txt")));
    assertEquals("mine", Files.readString(dir.resolve(".manifest.json.mine.tmp")));
    try (var s = Files.list(dir)) {
      assertEquals(3, s.count(), "not even a lock file was added");
    }
    // A manifest.json of somebody else's is no licence either, nor is a file.
    Files.writeString(dir.resolve("manifest.json"), "{\"name\": \"site\"}");
    assertEquals(ExitCode.USAGE, logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + dir).code());
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertEquals(ExitCode.USAGE, logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + file).code());
  }

  @Test
  void aUrlIsNeverWrittenAsALocalFolderNamedAfterIt() throws Exception {
    // s3:// without a region or credentials (ObjectStoreCliTest builds with them) is refused first.
    System.setProperty("aws.disableEc2Metadata", "true");
    Path cwd = Path.of("").toAbsolutePath();
    Run r = logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=s3://bucket/idx");
    assertEquals(ExitCode.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("s3://bucket/idx: no AWS "), r.err());
    assertFalse(Files.exists(cwd.resolve("s3:")), "no local folder named after the URL");
    Run s = logdex("search", "--index=s3://bucket/idx", "x");
    assertEquals(ExitCode.USAGE, s.code(), s.err());
    assertTrue(s.err().contains("s3://bucket/idx: no AWS "), s.err());
  }

  @Test
  void foreignFilesInsideAnOutputSurviveEveryBuild() throws Exception {
    Path out = goodOutput("owned");
    Files.createDirectories(out.resolve("g000002"));
    Files.writeString(out.resolve("g000002/precious.txt"), "precious");
    Files.writeString(out.resolve(".manifest.json.mine.tmp"), "mine");
    for (int i = 0; i < 3; i++) {
      Run r = logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + out);
      assertEquals(ExitCode.OK, r.code(), r.err());
    }
    assertEquals("precious", Files.readString(out.resolve("g000002/precious.txt")));
    assertEquals("mine", Files.readString(out.resolve(".manifest.json.mine.tmp")));
    Run s = logdex("stats", "--index=" + out);
    assertTrue(s.out().contains("generation\tg000005\n"), s.out());
  }

  @Test
  void truncatedCorruptOrEmptySnapshotsFailTheBuild() throws Exception {
    Path out = goodOutput("snapshots");
    byte[] state = Files.readAllBytes(in.resolve("state.json"));
    Path truncated = Files.write(tmp.resolve("truncated.json"), Arrays.copyOf(state, state.length / 2));
    Run r = failsKeepingTheOldGeneration(out, "--snapshots=" + truncated + "@1");
    assertTrue(r.err().contains("snapshot " + truncated + " does not parse"), r.err());
    byte[] corrupt = state.clone();
    corrupt[state.length / 3] = '\u0001';
    Path damaged = Files.write(tmp.resolve("corrupt.json"), corrupt);
    failsKeepingTheOldGeneration(out, "--snapshots=" + damaged + "@1");
    Path empty = Files.write(tmp.resolve("empty.json"), new byte[0]);
    failsKeepingTheOldGeneration(out, "--snapshots=" + empty + "@1");
  }

  @Test
  void inputsThatAreNotWhatTheySayFailTheBuild() throws Exception {
    Path out = goodOutput("oplogs");
    StringBuilder tsv = new StringBuilder("idx\tthread\top\n");
    for (int i = 0; i < 100; i++) tsv.append(i).append("\t1\tGET\tx\t1\t2\td\tf\t\t2025\t\t\t1\n");
    Path wrongHeader = Files.writeString(tmp.resolve("wrong-header.tsv"), tsv);
    Run r = failsKeepingTheOldGeneration(out, "--oplogs=" + wrongHeader);
    assertTrue(r.err().contains("all 100 records of " + wrongHeader + " are bad"), r.err());
    Path notZstd = Files.write(tmp.resolve("ops.jsonl.zst"), "{\"op\": \"GET\"}\n".repeat(50).getBytes(StandardCharsets.UTF_8));
    failsKeepingTheOldGeneration(out, "--oplogs=" + notZstd);
    Path empty = Files.write(tmp.resolve("empty.jsonl"), new byte[0]);
    r = failsKeepingTheOldGeneration(out, "--oplogs=" + empty);
    assertTrue(r.err().contains("yields no record"), r.err());
  }

  @Test
  void deadLettersOfAFailedBuildStayUntilABuildCommits() throws Exception {
    Path out = goodOutput("dead-letters");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 90; i++) jsonl.append("{\"op\": \"GET\", \"n\": ").append(i).append("}\n");
    for (int i = 0; i < 10; i++) jsonl.append("{\"op\": GET}\n");
    Path tenPercent = Files.writeString(tmp.resolve("ten-percent.jsonl"), jsonl);
    Run r = failsKeepingTheOldGeneration(out, "--oplogs=" + tenPercent);
    assertTrue(r.err().contains("10 of 100 records of " + tenPercent + " are bad (10.00%), over --maxBadRecordsFraction=0.01"), r.err());
    String kept = r.err().substring(r.err().indexOf("dead letters kept in ") + "dead letters kept in ".length());
    Path deadLetters = Path.of(kept.substring(0, kept.indexOf("/ until")));
    assertTrue(deadLetters.startsWith(out), deadLetters.toString());
    List<Path> files;
    try (var s = Files.list(deadLetters)) {
      files = s.toList();
    }
    assertEquals(1, files.size());
    assertEquals(10, Files.readAllLines(files.get(0)).size());
    assertFalse(Files.exists(deadLetters.getParent().resolve("logs")), "only the dead letters are kept");

    // The count limit: over it fails, raising the fraction alone is not enough.
    failsKeepingTheOldGeneration(out, "--oplogs=" + tenPercent, "--maxBadRecordsFraction=0.2", "--maxBadRecords=9");
    assertTrue(Files.exists(files.get(0)), "kept while builds keep failing");
    r = logdex("build", "--oplogs=" + tenPercent, "--output=" + out, "--maxBadRecordsFraction=0.2");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("10 bad records"), r.out());
    assertFalse(Files.exists(deadLetters.getParent()), "removed by the build that committed");
    assertFalse(Files.exists(out.resolve("pending.json")));
  }

  @Test
  void aFlippedByteInTheManifestIsCaughtByEveryReader() throws Exception {
    Path out = goodOutput("flipped");
    Path m = out.resolve("manifest.json");
    byte[] good = Files.readAllBytes(m);
    byte[] bad = good.clone();
    int at = new String(good, StandardCharsets.UTF_8).indexOf("\"inputRecords\"") + 18;
    bad[at] = (byte) (bad[at] == '1' ? '2' : '1');
    Files.write(m, bad);
    for (String[] cmd : List.of(
        new String[] {"stats", "--index=" + out},
        new String[] {"search", "--index=" + out, "canary"},
        new String[] {"get", "--index=" + out, "namespaces"})) {
      Run r = logdex(cmd);
      assertEquals(ExitCode.BAD_INPUT, r.code(), cmd[0] + ": " + r.out() + r.err());
      assertTrue(r.err().contains("manifest is damaged"), r.err());
    }
    // A build refuses to carry on from a damaged manifest rather than guess what it named.
    assertEquals(ExitCode.BAD_INPUT, logdex("build", "--oplogs=" + in.resolve("commits.jsonl"), "--output=" + out).code());
    Files.write(m, good);
    assertEquals(ExitCode.OK, logdex("stats", "--index=" + out).code());
  }
}
