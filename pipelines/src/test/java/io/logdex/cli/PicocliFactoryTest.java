package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command never loads picocli's DefaultFactory, whose Groovy probe makes the class loader open
 * every jar on the classpath (docs/BENCHMARKS.md, "CLI start-up with picocli"). In a JVM of its
 * own, since this one may have loaded anything.
 */
class PicocliFactoryTest {
  @Test
  void aCommandLoadsNoDefaultFactory() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String sample = BuildCliTest.sample("ops.jsonl").toString();
    for (List<String> words : List.of(List.of("paths", "-c", sample), List.of("search", "--bogus", "x"),
        List.of("--version"))) {
      List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xlog:class+load=info",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
          Main.class.getName()));
      cmd.addAll(words);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      assertEquals(words.contains("--bogus") ? ExitCode.USAGE : ExitCode.OK, code, words + ": " + out);
      assertTrue(out.contains("picocli.CommandLine "), "picocli parsed " + words);
      assertFalse(out.contains("picocli.CommandLine$DefaultFactory"), words + " loaded picocli's DefaultFactory");
    }
  }
}
