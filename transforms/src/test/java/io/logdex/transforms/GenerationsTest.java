package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationsTest {
  @TempDir Path out;

  private static byte[] manifest(String generation) {
    return ("{\"format\": \"logdex-build\", \"formatVersion\": 1, \"generation\": \"" + generation
        + "\", \"inputs\": [], \"chunks\": []}").getBytes();
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
  void removesOnlyStrayGenerationsAndTemporaryManifests() throws Exception {
    Files.createDirectories(out.resolve("g000001/logs"));
    Files.writeString(out.resolve("g000001/logs/x.log"), "x");
    Files.createDirectories(out.resolve("g000002/index"));
    Files.createDirectories(out.resolve("g000003"));
    Files.writeString(out.resolve(".manifest.json.abc.tmp"), "partial");
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.createDirectories(out.resolve("gfoo"));
    List<String> removed = Generations.removeStray(out, "g000002");
    assertEquals(List.of(".manifest.json.abc.tmp", "g000001", "g000003"), removed);
    assertTrue(Files.isDirectory(out.resolve("g000002")));
    assertTrue(Files.exists(out.resolve("notes.txt")));
    assertTrue(Files.isDirectory(out.resolve("gfoo")));
  }

  @Test
  void publishSwitchesAtomicallyAndRefusesWhenAnotherBuildCommitted() throws Exception {
    Generations.publish(out, manifest("g000001"), null);
    assertEquals("g000001", BuildManifest.currentGeneration(out));
    Generations.publish(out, manifest("g000002"), "g000001");
    assertEquals("g000002", BuildManifest.currentGeneration(out));
    IOException e = assertThrows(IOException.class, () -> Generations.publish(out, manifest("g000002"), "g000001"));
    assertTrue(e.getMessage().contains("another build"));
    assertEquals("g000002", BuildManifest.currentGeneration(out));
    try (var s = Files.list(out)) {
      assertEquals(List.of("manifest.json"), s.map(p -> p.getFileName().toString()).toList(), "no temporary left");
    }
  }

  @Test
  void readRefusesForeignOrCorruptManifests() throws Exception {
    Files.writeString(out.resolve("manifest.json"), "{\"format\": \"logdex-index\", \"formatVersion\": 1}");
    FormatException e = assertThrows(FormatException.class, () -> BuildManifest.read(out));
    assertTrue(e.getMessage().contains("not a logdex-build manifest"), e.getMessage());
    Files.writeString(out.resolve("manifest.json"), "{\"format\": \"logdex-build\", \"formatVersion\": 2, \"generation\": \"g000001\"}");
    e = assertThrows(FormatException.class, () -> BuildManifest.read(out));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    Files.writeString(out.resolve("manifest.json"), "{\"format\": \"logdex-build\", \"formatVersion\": 1, \"generation\": \"../../etc\", \"inputs\": [], \"chunks\": []}");
    assertThrows(FormatException.class, () -> BuildManifest.read(out));
    Files.writeString(out.resolve("manifest.json"), "{\"format\": \"logdex-build\", ");
    assertThrows(FormatException.class, () -> BuildManifest.read(out));
    assertFalse(Files.exists(out.resolve("g000001")));
  }
}
