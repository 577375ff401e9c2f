package io.logdex.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.logdex.format.path.KindedPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code get} side of SnapshotVsLucene: which paths to ask for (found by one streaming pass
 * over the snapshot) and how a whole process is timed ({@code /usr/bin/time -v}: wall, user+sys,
 * max RSS).
 */
final class GetProbe {
  private GetProbe() {}

  /** A path to get, in both spellings: logdex's kinded path and jq's path array. */
  record Target(String where, String kindedPath, String jqPath) {}

  /** One process run: wall and CPU seconds, max RSS in KiB, its standard output. */
  record Run(double wallSeconds, double cpuSeconds, long maxRssKb, String stdout) {}

  static final class Result {
    final Target target;
    final long apiNanos;
    final long apiBytes;
    Run cli;
    Run jq;

    Result(Target target, long apiNanos, long apiBytes) {
      this.target = target;
      this.apiNanos = apiNanos;
      this.apiBytes = apiBytes;
    }
  }

  /**
   * The first scalar of the file, the first scalar at or after its middle byte and that scalar's
   * parent container, and the last scalar. Paths are only built near those places, so the pass
   * over a 1 GB file costs little more than Jackson's tokenizing.
   */
  static List<Target> targets(Path snapshot, JsonFactory json) throws IOException {
    long size = Files.size(snapshot);
    List<Object> first = null;
    List<Object> middle = null;
    List<Object> last = null;
    long tailFrom = Math.max(0, size - (1 << 16));
    try (InputStream in = Files.newInputStream(snapshot); JsonParser p = json.createParser(in)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (!t.isScalarValue()) continue;
        if (first == null) {
          first = path(p.getParsingContext());
          continue;
        }
        long at = p.currentTokenLocation().getByteOffset();
        if (middle == null && at >= size / 2) middle = path(p.getParsingContext());
        else if (at >= tailFrom) last = path(p.getParsingContext());
      }
    }
    if (first == null || middle == null || last == null) throw new IOException(snapshot + " has too few scalars");
    List<Target> out = new ArrayList<>();
    out.add(target("start", first));
    out.add(target("middle", middle));
    out.add(target("middle, its parent", middle.subList(0, middle.size() - 1)));
    out.add(target("end", last));
    return out;
  }

  private static List<Object> path(JsonStreamContext ctx) {
    ArrayDeque<Object> segs = new ArrayDeque<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) segs.addFirst(c.getCurrentName());
      else segs.addFirst(c.getCurrentIndex());
    }
    return new ArrayList<>(segs);
  }

  private static Target target(String where, List<Object> segs) throws IOException {
    KindedPath k = KindedPath.ROOT;
    StringWriter jq = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(jq)) {
      g.writeStartArray();
      for (Object s : segs) {
        if (s instanceof String name) {
          k = k.field(name);
          g.writeString(name);
        } else {
          k = k.index((Integer) s);
          g.writeNumber((Integer) s);
        }
      }
      g.writeEndArray();
    }
    return new Target(where, k.toString(), jq.toString());
  }

  /** What bin/logdex runs, without its rebuild step: this JVM's java and classpath. */
  static List<String> defaultCli() {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.apache.beam.sdk.coders.SerializableCoder=error",
        "-cp", System.getProperty("java.class.path"), "io.logdex.cli.Main");
  }

  static List<String> cliGet(List<String> cli, Path index, String kindedPath) {
    List<String> cmd = new ArrayList<>(cli);
    cmd.addAll(List.of("get", "--index=" + index, kindedPath));
    return cmd;
  }

  static List<String> jqGet(Path snapshot, String jqPath) {
    return List.of("/usr/bin/jq", "-c", "getpath(" + jqPath + ")", snapshot.toString());
  }

  /** Runs cmd reps times under /usr/bin/time -v; the run with the median wall time, with the max RSS of all. */
  static Run time(int reps, List<String> cmd, Path work) throws IOException, InterruptedException {
    Path stats = work.resolve("time-v.txt");
    Path out = work.resolve("get.out");
    Path err = work.resolve("get.err");
    List<Run> runs = new ArrayList<>();
    long maxRss = 0;
    for (int i = 0; i < reps; i++) {
      List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", stats.toString()));
      full.addAll(cmd);
      Process p = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IOException("exit " + rc + " from " + String.join(" ", cmd) + ":\n" + Files.readString(err));
      }
      Run r = parse(Files.readAllLines(stats), Files.readString(out, StandardCharsets.UTF_8));
      runs.add(r);
      maxRss = Math.max(maxRss, r.maxRssKb());
    }
    runs.sort(Comparator.comparingDouble(Run::wallSeconds));
    Run m = runs.get(runs.size() / 2);
    return new Run(m.wallSeconds(), m.cpuSeconds(), maxRss, m.stdout());
  }

  private static Run parse(List<String> lines, String stdout) throws IOException {
    double wall = -1;
    double cpu = 0;
    long rss = -1;
    for (String l : lines) {
      String s = l.strip();
      if (s.startsWith("User time (seconds):") || s.startsWith("System time (seconds):")) {
        cpu += Double.parseDouble(s.substring(s.lastIndexOf(':') + 1).strip());
      } else if (s.startsWith("Elapsed (wall clock) time")) {
        // h:mm:ss or m:ss.ss, after the label's own "(h:mm:ss or m:ss):"
        String v = s.substring(s.indexOf("):") + 2).strip();
        String[] parts = v.split(":");
        wall = 0;
        for (String part : parts) wall = wall * 60 + Double.parseDouble(part);
      } else if (s.startsWith("Maximum resident set size (kbytes):")) {
        rss = Long.parseLong(s.substring(s.lastIndexOf(':') + 1).strip());
      }
    }
    if (wall < 0 || rss < 0) throw new IOException("unexpected /usr/bin/time -v output: " + Arrays.toString(lines.toArray()));
    return new Run(wall, cpu, rss, stdout);
  }
}
