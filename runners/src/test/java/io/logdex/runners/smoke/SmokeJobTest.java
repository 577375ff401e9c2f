package io.logdex.runners.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole smoke job on the DirectRunner and on Flink's embedded mini cluster and checks the
 * file against a plain-Java computation of the same counts: what it.sh relies on when it compares a
 * cluster run to a DirectRunner run byte for byte.
 */
class SmokeJobTest {
  @TempDir Path dir;

  private Path input(long bytes, int keys, long seed) throws IOException {
    Path in = dir.resolve("lines-" + seed + ".tsv");
    try (OutputStream out = Files.newOutputStream(in)) {
      SmokeInput.write(out, bytes, keys, seed);
    }
    return in;
  }

  private byte[] run(Path in, String outName, int rounds, String... runnerArgs) throws IOException {
    List<String> args = new ArrayList<>();
    args.add("--input=" + in);
    args.add("--output=" + dir.resolve(outName));
    args.add("--digestRounds=" + rounds);
    args.addAll(List.of(runnerArgs));
    SmokeJob.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().as(SmokeJob.Options.class);
    PipelineResult.State state = SmokeJob.create(options).run().waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, state);
    try (Stream<Path> files = Files.list(dir.resolve(outName))) {
      assertEquals(List.of(SmokeJob.OUTPUT_FILE), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "one output file and no leftover temp files");
    }
    return Files.readAllBytes(dir.resolve(outName).resolve(SmokeJob.OUTPUT_FILE));
  }

  /** The same counts computed without Beam, line by line. */
  private static byte[] expected(Path in, int rounds) throws IOException {
    LineDigest digest = new LineDigest(rounds);
    Map<String, Tally> tallies = new TreeMap<>();
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        String key = line.substring(0, line.indexOf('\t'));
        tallies.computeIfAbsent(key, k -> new Tally()).add(digest.digest(line.getBytes(StandardCharsets.UTF_8)));
      }
    }
    StringBuilder sb = new StringBuilder();
    tallies.forEach((k, t) -> sb.append(k).append('\t').append(t).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void directRunnerMatchesPlainJava() throws IOException {
    Path in = input(300_000, 40, 1);
    byte[] out = run(in, "direct", 2, "--runner=DirectRunner");
    assertTrue(out.length > 0);
    assertArrayEquals(expected(in, 2), out);
  }

  @Test
  void flinkEmbeddedMatchesDirectRunner() throws IOException {
    Path in = input(200_000, 25, 2);
    byte[] direct = run(in, "direct", 1, "--runner=DirectRunner");
    byte[] flink = run(in, "flink", 1, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    assertArrayEquals(direct, flink);
  }

  @Test
  void digestRoundsChangeTheSumsButNotTheCounts() throws IOException {
    Path in = input(50_000, 10, 3);
    String one = new String(run(in, "r1", 1, "--runner=DirectRunner"), StandardCharsets.UTF_8);
    String two = new String(run(in, "r2", 2, "--runner=DirectRunner"), StandardCharsets.UTF_8);
    assertTrue(!one.equals(two));
    assertEquals(one.lines().map(l -> l.substring(0, l.lastIndexOf('\t'))).toList(),
        two.lines().map(l -> l.substring(0, l.lastIndexOf('\t'))).toList());
  }

  @Test
  void lineWithoutTabIsItsOwnKeyAndEmptyInputWritesEmptyFile() throws IOException {
    Path odd = dir.resolve("odd.txt");
    Files.writeString(odd, "solo\nk1\tx\nsolo\n", StandardCharsets.UTF_8);
    String out = new String(run(odd, "odd", 1, "--runner=DirectRunner"), StandardCharsets.UTF_8);
    List<String> keys = out.lines().map(l -> l.substring(0, l.indexOf('\t'))).toList();
    assertEquals(List.of("k1", "solo"), keys);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("solo\t2\t")), out);

    Path empty = dir.resolve("empty.txt");
    Files.createFile(empty);
    assertEquals(0, run(empty, "empty", 1, "--runner=DirectRunner").length);
  }
}
