package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code build --progress}: a log (not a terminal) gets one line per phase as it ends; a terminal,
 * one line redrawn with {@code \r} that moves while the first chunk is still being read.
 */
class ProgressCliTest {
  @TempDir Path tmp;

  @Test
  void offATerminalEachPhaseIsOneLineAsItEnds() {
    for (String mode : List.of("--progress=auto", "--progress=lines")) {
      Path out = tmp.resolve("out-" + mode.substring(11));
      BuildCliTest.Run r = BuildCliTest.logdex("build", mode, "--oplogs=" + BuildCliTest.sample("ops.jsonl"),
          "--output=" + out, "--chunkBytes=20000", "--partitions=3");
      assertEquals(ExitCode.OK, r.code(), r.err());
      assertFalse(r.err().contains("\r"), r.err());
      List<String> lines = Arrays.asList(r.err().strip().split("\n"));
      assertEquals(4, lines.size(), r.err());
      assertTrue(lines.get(0).matches("logdex build: plan: 0\\.1 MB in 7 chunks \\(\\d+\\.\\d s\\)"), lines.get(0));
      assertTrue(lines.get(1).startsWith("logdex build: ingest: 0.1 MB, 7 chunks, 250 records, 0 bad"), lines.get(1));
      assertTrue(lines.get(2).startsWith("logdex build: merge: 4 partitions"), lines.get(2));
      assertTrue(lines.get(3).startsWith("logdex build: commit: done"), lines.get(3));
      assertTrue(r.out().startsWith("committed g000001"), r.out());
    }
  }

  @Test
  void offPrintsNothingAndAnUnknownModeIsAUsageError() {
    BuildCliTest.Run r = BuildCliTest.logdex("build", "--progress", "off", "--oplogs=" + BuildCliTest.sample("ops.jsonl"),
        "--output=" + tmp.resolve("out"));
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals("", r.err());
    r = BuildCliTest.logdex("build", "--progress=sometimes", "--oplogs=" + BuildCliTest.sample("ops.jsonl"),
        "--output=" + tmp.resolve("other"));
    assertEquals(ExitCode.USAGE, r.code(), r.err());
    assertTrue(r.err().startsWith("logdex build: --progress is auto, tty, lines or off, not sometimes"), r.err());
    assertFalse(Files.exists(tmp.resolve("other")));
  }

  /**
   * Through a pseudo-terminal (script(1)): auto draws the line in place, and it moves (bytes and
   * records grow) before the one 32 MB chunk ends. Needs a chunk that takes over half a second.
   * On embedded Flink too, whose run() blocks until the job ends.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--runner=DirectRunner", "--runner=FlinkRunner --flinkMaster=[local] --parallelism=1"})
  void onATerminalOneLineIsRedrawnAndMovesWithinTheFirstChunk(String runner) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) makes the pseudo-terminal");
    Path big = tmp.resolve("big.jsonl");
    String sample = Files.readString(BuildCliTest.sample("ops.jsonl"));
    try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      for (long n = 0; n < 32_000_000; n += sample.length()) w.write(sample);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String cmd = String.join(" ", quoted(java.toString()), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", quoted(System.getProperty("java.class.path")), Main.class.getName(), "build",
        quoted("--oplogs=" + big), quoted("--output=" + tmp.resolve("out")));
    for (String w : runner.split(" ")) cmd += " " + quoted(w);
    Path typescript = tmp.resolve("terminal.txt");
    Process p = new ProcessBuilder("/usr/bin/script", "-qfec", cmd, "/dev/null")
        .redirectOutput(typescript.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the build ended");
    String screen = Files.readString(typescript, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), screen);
    assertTrue(screen.contains("committed g000001"), screen);

    List<String> frames = Arrays.asList(screen.split("\r"));
    assertTrue(frames.stream().anyMatch(f -> f.startsWith("logdex build: plan: 32.1 MB in 1 chunk")), screen);
    // Ingest frames while the only chunk is still being read: at least two, with different figures.
    Pattern ingest = Pattern.compile("^logdex build: ingest: (\\d+\\.\\d) of 32\\.1 MB \\(\\d+%\\), 0/1 chunks, (\\d+) records");
    List<Double> mbs = new ArrayList<>();
    for (String f : frames) {
      Matcher m = ingest.matcher(f);
      if (m.find()) mbs.add(Double.parseDouble(m.group(1)));
    }
    assertTrue(mbs.size() >= 2, "ingest frames within the chunk: " + mbs + "\n" + screen);
    assertTrue(mbs.get(mbs.size() - 1) > mbs.get(0), "the line moved within the chunk: " + mbs);
    for (int i = 1; i < mbs.size(); i++) assertTrue(mbs.get(i) >= mbs.get(i - 1), "bytes never go back: " + mbs);
    // The redrawn line ends before the summary, which starts a line of its own.
    assertTrue(screen.contains("logdex build: commit: done"), screen);
    assertTrue(Pattern.compile("\r?\ncommitted g000001").matcher(screen).find(), screen);
  }

  private static String quoted(String s) throws IOException {
    if (s.contains("'")) throw new IOException("a quote in " + s);
    return "'" + s + "'";
  }
}
