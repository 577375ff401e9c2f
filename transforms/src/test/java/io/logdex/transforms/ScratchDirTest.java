package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logdex.format.FormatException;
import io.logdex.format.ManifestChecksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's scratch directory: where it goes, who names it, and who removes it. */
class ScratchDirTest {
  @TempDir Path tmp;

  private Path out() throws IOException {
    return Files.createDirectories(tmp.resolve("out"));
  }

  private BuildManifest commit(Path out, PendingBuild p, String previous) throws IOException {
    Generations.publish(out, GenerationsTest.manifest(p.building()), previous, p.manifestTemp());
    Generations.finish(out, p, p.building());
    return BuildManifest.read(out);
  }

  @Test
  void defaultsToTheOutputsTmpAndIsGoneAfterTheCommit() throws Exception {
    Path out = out();
    assertEquals(out.resolve(".tmp"), ScratchDir.base(out, null));
    BuildOptionException e = assertThrows(BuildOptionException.class, () -> ScratchDir.base(out, "s3://bucket/temp"));
    assertTrue(e.getMessage().startsWith("--tempLocation=s3://bucket/temp is an object store, but the output "),
        "no silent fallback to OUTPUT/.tmp: " + e.getMessage());
    assertEquals(out.resolve("t").toAbsolutePath(), ScratchDir.base(out, out.resolve("t").toUri().toString()),
        "a file: URL is a local path, not a folder named after it");
    PendingBuild p = Generations.begin(out, null);
    Path scratch = Path.of(p.scratch());
    assertEquals(out.resolve(".tmp"), scratch.getParent());
    assertTrue(Files.isDirectory(scratch));
    assertEquals(p.scratch(), PendingBuild.read(out).scratch(), "named before the build writes into it");
    assertFalse(scratch.startsWith(out.resolve(p.building())), "never inside the generation");
    Files.writeString(Files.createDirectories(scratch.resolve("runs")).resolve("p0.run"), "run");
    commit(out, p, null);
    assertFalse(Files.exists(scratch));
    assertFalse(Files.exists(out.resolve(".tmp")), "the default base is removed once empty");
  }

  @Test
  void aGivenTempLocationHoldsTheScratchAndKeepsForeignFiles() throws Exception {
    Path out = out();
    Path temp = tmp.resolve("temp");
    Files.createDirectories(temp);
    Files.writeString(temp.resolve("someone-elses.txt"), "mine");
    Files.createDirectories(temp.resolve("logdex-g000001-not-a-uuid"));
    PendingBuild p = Generations.begin(out, null, ScratchDir.base(out, temp.toString()));
    assertEquals(temp, Path.of(p.scratch()).getParent());
    commit(out, p, null);
    assertFalse(Files.exists(Path.of(p.scratch())));
    assertTrue(Files.exists(temp.resolve("someone-elses.txt")));
    assertTrue(Files.exists(temp.resolve("logdex-g000001-not-a-uuid")), "named by no manifest");
    assertTrue(Files.isDirectory(temp), "a user's --tempLocation itself stays");
    assertFalse(Files.exists(out.resolve(".tmp")));
  }

  @Test
  void theNextBuildRemovesACrashedBuildsScratch() throws Exception {
    Path out = out();
    Path temp = tmp.resolve("temp");
    Path base = ScratchDir.base(out, temp.toString());
    BuildManifest m1 = commit(out, Generations.begin(out, null, base), null);
    PendingBuild crashed = Generations.begin(out, m1, base);
    Path scratch = Path.of(crashed.scratch());
    Files.writeString(Files.createDirectories(scratch.resolve("attempts")).resolve("logs-x.log.a.tmp"), "half");
    Files.writeString(temp.resolve("foreign"), "keep");
    // (the build dies here: its pending manifest and scratch stay)
    PendingBuild next = Generations.begin(out, m1, base);
    assertFalse(Files.exists(scratch), "the crashed build's scratch is gone");
    assertTrue(Files.isDirectory(Path.of(next.scratch())));
    assertTrue(Files.exists(temp.resolve("foreign")));
  }

  @Test
  void aCrashAfterTheCommitIsFinishedByTheNextBuild() throws Exception {
    Path out = out();
    PendingBuild p = Generations.begin(out, null);
    Generations.publish(out, GenerationsTest.manifest(p.building()), null, p.manifestTemp());
    // (dies before finish)
    Generations.begin(out, BuildManifest.read(out));
    assertFalse(Files.exists(Path.of(p.scratch())));
  }

  @Test
  void aFailedBuildsScratchGoesWhileItsDeadLettersStay() throws Exception {
    Path out = out();
    PendingBuild p = Generations.begin(out, null);
    Path dl = Files.createDirectories(out.resolve(p.building()).resolve("dead-letter"));
    Files.writeString(dl.resolve("00000-00000.jsonl"), "{}\n");
    Files.writeString(Files.createDirectories(Path.of(p.scratch()).resolve("runs")).resolve("r"), "x");
    assertEquals(dl, Generations.abandon(out, p.building(), "bad"));
    assertFalse(Files.exists(Path.of(p.scratch())));
    assertTrue(Files.exists(dl.resolve("00000-00000.jsonl")));
    assertEquals(null, PendingBuild.read(out).scratch());
  }

  private static byte[] pending(String scratchMember) {
    return ManifestChecksum.seal(("{\n  \"format\": \"logdex-pending\",\n  \"formatVersion\": 1,\n"
        + "  \"building\": \"g000001\",\n  \"manifestTemp\": null,\n" + scratchMember
        + "  \"failed\": [],\n  \"retire\": []\n}\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPendingManifestNamingAnythingElseIsRefused() throws Exception {
    Path out = out();
    for (String odd : new String[] {"/", "relative/logdex-g000001-0a1b2c3d-0000-0000-0000-000000000000",
        tmp.resolve("home").toString(), tmp + "/x/../logdex-g000001-0a1b2c3d-0000-0000-0000-000000000000"}) {
      Files.write(out.resolve(PendingBuild.FILE), pending("  \"scratch\": \"" + odd + "\",\n"));
      assertThrows(FormatException.class, () -> PendingBuild.read(out), odd);
    }
    String good = tmp + "/logdex-g000001-0a1b2c3d-0000-0000-0000-000000000000";
    Files.write(out.resolve(PendingBuild.FILE), pending("  \"scratch\": \"" + good + "\",\n"));
    assertEquals(good, PendingBuild.read(out).scratch());
    // A pending manifest from before scratch moved out of the generation has none.
    Files.write(out.resolve(PendingBuild.FILE), pending(""));
    assertEquals(null, PendingBuild.read(out).scratch());
  }

  @Test
  void aTempLocationInsideAGenerationIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path out = out();
    Path base = ScratchDir.base(out, out.resolve("g000001/scratch").toString());
    IOException e = assertThrows(IOException.class, () -> Generations.begin(out, null, base));
    assertTrue(e.getMessage().contains("inside a generation"), e.getMessage());
    assertFalse(Files.exists(out.resolve("g000001")));
    assertFalse(Files.exists(out.resolve(PendingBuild.FILE)));
    // Elsewhere in the output is allowed (the default is OUTPUT/.tmp).
    PendingBuild p = Generations.begin(out, null, ScratchDir.base(out, out.resolve("scratch").toString()));
    assertEquals(out.resolve("scratch"), Path.of(p.scratch()).getParent());
  }

  @Test
  void aTempLocationOnAnotherFileSystemIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path out = out();
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(out)),
        "needs a second file system");
    Path base = shm.resolve("logdex-scratch-test-" + ProcessHandle.current().pid());
    IOException e = assertThrows(IOException.class, () -> Generations.begin(out, null, base));
    assertTrue(e.getMessage().contains("another file system"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(base));
    assertFalse(Files.exists(out.resolve(PendingBuild.FILE)), "the output is as it was");
  }
}
