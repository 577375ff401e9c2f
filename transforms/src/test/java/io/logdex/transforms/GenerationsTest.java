package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.ManifestChecksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationsTest {
  @TempDir Path out;

  static byte[] manifest(String generation, String... retained) {
    StringBuilder r = new StringBuilder();
    for (String g : retained) r.append(r.length() == 0 ? "" : ", ").append('"').append(g).append('"');
    return ManifestChecksum.seal(("{\n  \"format\": \"logdex-build\",\n  \"formatVersion\": 2,\n  \"generation\": \""
        + generation + "\",\n  \"retained\": [" + r + "],\n  \"inputs\": [],\n  \"chunks\": []\n}\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  private BuildManifest commit(PendingBuild p, String previous, String... retained) throws IOException {
    Generations.publish(out, manifest(p.building(), retained), previous, p.manifestTemp());
    Generations.finish(out, p, p.building());
    return BuildManifest.read(out);
  }

  @Test
  void namesRoundTripAndRejectOthers() throws Exception {
    assertEquals("g000001", Generations.name(1));
    assertEquals(42, Generations.number("g000042"));
    assertThrows(FormatException.class, () -> Generations.number("g42"));
    assertThrows(FormatException.class, () -> Generations.number("../g000001"));
    assertThrows(IllegalArgumentException.class, () -> Generations.name(0));
  }

  @Test
  void buildsRetainThePreviousGenerationAndRetireTheOneBefore() throws Exception {
    PendingBuild p1 = Generations.begin(out, null);
    assertEquals("g000001", p1.building());
    assertTrue(Files.isDirectory(out.resolve("g000001")));
    assertEquals("g000001", PendingBuild.read(out).building(), "recorded before anything is written");
    BuildManifest m1 = commit(p1, null);
    assertNull(PendingBuild.read(out), "a commit removes the pending manifest");

    PendingBuild p2 = Generations.begin(out, m1);
    BuildManifest m2 = commit(p2, "g000001", "g000001");
    assertTrue(Files.isDirectory(out.resolve("g000001")), "retained for readers of the old manifest");

    PendingBuild p3 = Generations.begin(out, m2);
    assertEquals(List.of("g000001"), p3.retire());
    commit(p3, "g000002", "g000002");
    assertFalse(Files.exists(out.resolve("g000001")), "retired once a later build committed");
    assertTrue(Files.isDirectory(out.resolve("g000002")));
    assertTrue(Files.isDirectory(out.resolve("g000003")));
  }

  @Test
  void deletesOnlyWhatItsManifestsNameAndPassesForeignGenerationNamesBy() throws Exception {
    Files.createDirectories(out.resolve("g000002"));
    Files.writeString(out.resolve("g000002/precious.txt"), "mine");
    Files.writeString(out.resolve(".manifest.json.mine.tmp"), "mine");
    Files.writeString(out.resolve("notes.txt"), "mine");
    PendingBuild p1 = Generations.begin(out, null);
    assertEquals("g000001", p1.building());
    BuildManifest m1 = commit(p1, null);
    PendingBuild p2 = Generations.begin(out, m1);
    assertEquals("g000003", p2.building(), "g000002 is somebody else's");
    commit(p2, "g000001", "g000001");
    PendingBuild p4 = Generations.begin(out, BuildManifest.read(out));
    commit(p4, "g000003", "g000003");
    assertEquals("mine", Files.readString(out.resolve("g000002/precious.txt")));
    assertEquals("mine", Files.readString(out.resolve(".manifest.json.mine.tmp")));
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
  }

  @Test
  void aCrashedBuildsGenerationIsRemovedByTheNextOne() throws Exception {
    BuildManifest m1 = commit(Generations.begin(out, null), null);
    PendingBuild crashed = Generations.begin(out, m1);
    Files.createDirectories(out.resolve(crashed.building()).resolve("logs"));
    Files.writeString(out.resolve(crashed.building()).resolve("logs/x.log"), "half");
    Files.writeString(out.resolve(crashed.manifestTemp()), "half a manifest");
    PendingBuild next = Generations.begin(out, m1);
    assertFalse(Files.exists(out.resolve(crashed.building()).resolve("logs")));
    assertFalse(Files.exists(out.resolve(crashed.manifestTemp())));
    assertEquals("g000002", next.building(), "the crashed build's number is free again");
  }

  @Test
  void aBuildThatCommittedButDiedBeforeItsCleanUpIsFinished() throws Exception {
    BuildManifest m1 = commit(Generations.begin(out, null), null);
    BuildManifest m2 = commit(Generations.begin(out, m1), "g000001", "g000001");
    PendingBuild p3 = Generations.begin(out, m2);
    Generations.publish(out, manifest(p3.building(), "g000002"), "g000002", p3.manifestTemp());
    // died here: g000001 is retired by the pending manifest but still on disk
    assertTrue(Files.exists(out.resolve("g000001")));
    PendingBuild p4 = Generations.begin(out, BuildManifest.read(out));
    assertFalse(Files.exists(out.resolve("g000001")));
    assertEquals("g000004", p4.building());
  }

  @Test
  void aFailedBuildKeepsOnlyItsDeadLettersUntilABuildCommits() throws Exception {
    BuildManifest m1 = commit(Generations.begin(out, null), null);
    PendingBuild failing = Generations.begin(out, m1);
    Path g = out.resolve(failing.building());
    Files.createDirectories(g.resolve("logs"));
    Files.createDirectories(g.resolve("dead-letter"));
    Files.writeString(g.resolve("logs/00000-00000.log"), "x");
    Files.writeString(g.resolve("dead-letter/00000-00000.jsonl"), "{}\n");
    Path kept = Generations.abandon(out, failing.building(), "all 3 records of x are bad");
    assertEquals(g.resolve("dead-letter"), kept);
    assertFalse(Files.exists(g.resolve("logs")));
    assertTrue(Files.exists(g.resolve("dead-letter/00000-00000.jsonl")));
    assertEquals("g000001", BuildManifest.currentGeneration(out), "the old generation stays current");
    assertEquals(List.of(new PendingBuild.Failed("g000002", "all 3 records of x are bad")), PendingBuild.read(out).failed());

    PendingBuild next = Generations.begin(out, m1);
    assertEquals("g000003", next.building());
    assertTrue(Files.exists(g.resolve("dead-letter/00000-00000.jsonl")), "kept while no build has committed");
    commit(next, "g000001", "g000001");
    assertFalse(Files.exists(g), "removed by the next successful build");

    PendingBuild empty = Generations.begin(out, BuildManifest.read(out));
    assertNull(Generations.abandon(out, empty.building(), "no record"), "nothing to keep");
    assertFalse(Files.exists(out.resolve(empty.building())));
  }

  @Test
  void publishSwitchesAtomicallyAndRefusesWhenAnotherBuildCommitted() throws Exception {
    Generations.publish(out, manifest("g000001"), null, ".manifest.json.a.tmp");
    assertEquals("g000001", BuildManifest.currentGeneration(out));
    Generations.publish(out, manifest("g000002"), "g000001", ".manifest.json.b.tmp");
    assertEquals("g000002", BuildManifest.currentGeneration(out));
    IOException e = assertThrows(IOException.class,
        () -> Generations.publish(out, manifest("g000002"), "g000001", ".manifest.json.c.tmp"));
    assertTrue(e.getMessage().contains("another build"));
    assertEquals("g000002", BuildManifest.currentGeneration(out));
    try (var s = Files.list(out)) {
      assertEquals(List.of("manifest.json"), s.map(p -> p.getFileName().toString()).toList(), "no temporary left");
    }
  }

  @Test
  void readRefusesForeignDamagedOrOldManifests() throws Exception {
    Files.writeString(out.resolve("manifest.json"), "{\"name\": \"my web app\", \"version\": 1}");
    assertThrows(BuildManifest.NotABuildManifestException.class, () -> BuildManifest.read(out));
    byte[] good = manifest("g000001");
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x04;
      Files.write(out.resolve("manifest.json"), bad);
      FormatException e = assertThrows(FormatException.class, () -> BuildManifest.read(out), "flipped byte " + i);
      assertTrue(e.getMessage().contains("manifest"), e.getMessage());
    }
    Files.write(out.resolve("manifest.json"), java.util.Arrays.copyOf(good, good.length - 10));
    assertThrows(FormatException.class, () -> BuildManifest.read(out));
    Files.writeString(out.resolve("manifest.json"), new String(manifest("g000001"), StandardCharsets.UTF_8)
        .replace("\"formatVersion\": 2", "\"formatVersion\": 1"));
    assertThrows(FormatException.class, () -> BuildManifest.read(out), "checksum no longer matches");
    Files.write(out.resolve("manifest.json"), ManifestChecksum.seal(
        "{\n  \"format\": \"logdex-build\",\n  \"formatVersion\": 2,\n  \"generation\": \"../../etc\",\n  \"retained\": [],\n  \"inputs\": [],\n  \"chunks\": []\n}\n".getBytes(StandardCharsets.UTF_8)));
    assertThrows(FormatException.class, () -> BuildManifest.read(out));
    assertFalse(Files.exists(out.resolve("g000001")));
  }
}
