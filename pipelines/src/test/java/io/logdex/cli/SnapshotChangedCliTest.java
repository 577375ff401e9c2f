package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot is read back at the offsets the build recorded, so reading it after it changed must
 * fail as a data error, not answer with whatever bytes now stand there: a changed size is caught
 * before any read, and a same-size edit that breaks JSON is caught because a {@code .json}
 * snapshot is read back as strictly as the build read it.
 */
class SnapshotChangedCliTest {
  @TempDir Path tmp;

  private Path build(String json) throws Exception {
    Path snap = tmp.resolve("state.json");
    Files.writeString(snap, json, StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    BuildCliTest.Run r = BuildCliTest.logdex("build", "--snapshots=" + snap + "@0", "--output=" + out);
    assertEquals(ExitCode.OK, r.code(), r.err());
    return out;
  }

  @Test
  void aSnapshotThatGrewSinceTheBuildIsReportedNotMisread() throws Exception {
    Path out = build("{\"a\": {\"b\": \"one\"}, \"c\": [1, 2, 3]}\n");
    assertEquals("\"one\"", BuildCliTest.logdex("get", "--index=" + out, "a.b").out().strip());
    Files.writeString(tmp.resolve("state.json"), "{\"x\": 0, \"a\": {\"b\": \"one\"}, \"c\": [1, 2, 3]}\n");
    BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + out, "a.b");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("changed since the build indexed it"), r.err());
    assertTrue(r.err().contains("build the inputs again"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aSameSizeEditThatIsNotJsonIsAnErrorNotATonyValue() throws Exception {
    Path out = build("{\"a\": {\"b\": \"one\"}, \"c\": [1, 2, 3]}\n");
    // Same length, but the value is now a bare word: Tony would read it, JSON does not.
    String edited = "{\"a\": {\"b\":  one }, \"c\": [1, 2, 3]}\n";
    assertEquals(Files.size(tmp.resolve("state.json")), edited.length());
    Files.writeString(tmp.resolve("state.json"), edited);
    BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + out, "a.b");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.out() + r.err());
    assertFalse(r.out().contains("one"), r.out());
    assertTrue(r.err().contains("state.json"), r.err());
  }
}
