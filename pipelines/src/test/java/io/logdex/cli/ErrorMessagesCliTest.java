package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.util.UserCodeException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people see when a command fails: exactly one line on stderr, naming what is wrong in words
 * (no class names, no stack trace), elided when long, and the documented exit code; and a failed
 * {@code convert} leaves stdout empty.
 */
class ErrorMessagesCliTest {
  @TempDir Path tmp;

  /** What a programmer's words look like: exception classes, qualified names, enum constants. */
  private static final Pattern FOR_PROGRAMMERS = Pattern.compile(
      "[A-Z][A-Za-z]*(Exception|Error|Throwable)\\b|\\bjava\\.|\\bjavax\\.|\\bio\\.logdex\\.|\\borg\\.apache\\.|"
          + "\\b(BEGIN|END)_(OBJECT|ARRAY)\\b|DocumentMode|\\bat [a-z]+\\.[a-z]");

  /** Asserts the failure was told in one line for people and returns that line. */
  private static String oneLineForPeople(BuildCliTest.Run r) {
    assertTrue(r.err().endsWith("\n"), r.err());
    String line = r.err().substring(0, r.err().length() - 1);
    assertFalse(line.contains("\n"), "more than one line on stderr:\n" + r.err());
    assertFalse(FOR_PROGRAMMERS.matcher(line).find(), line);
    assertTrue(line.startsWith("logdex"), line);
    assertTrue(line.getBytes(StandardCharsets.UTF_8).length < 1200, line.length() + " chars");
    return line;
  }

  /** Runs a command that throws t, through Main. */
  private static BuildCliTest.Run throwing(Throwable t, boolean debug) {
    Command c = new Command() {
      @Override public String name() { return "boom"; }
      @Override public String summary() { return "throws"; }
      @Override public String usage() { return "usage: logdex boom\n"; }
      @Override public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        out.print("partial");
        if (t instanceof Exception e) throw e;
        throw (Error) t;
      }
    };
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = new Main(List.of(c), debug).run(List.of("boom"), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    return new BuildCliTest.Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void noMatchingInputSaysSoAndCreatesNoOutput() {
    Path out = tmp.resolve("out/x");
    BuildCliTest.Run r = logdex("build", "--oplogs=" + tmp + "/nothing*", "--output=" + out);
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("logdex build: no input matches --oplogs=" + tmp + "/nothing*", oneLineForPeople(r));
    assertFalse(Files.exists(out), "the output directory is not made for a build that cannot start");
    r = logdex("build", "--snapshots=" + tmp + "/none.json@3", "--output=" + out);
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("logdex build: no input matches --snapshots=" + tmp + "/none.json@3", oneLineForPeople(r));
    r = logdex("build", "--oplogs=" + tmp + "/x[", "--output=" + out);
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(oneLineForPeople(r).startsWith("logdex build: cannot read --oplogs=" + tmp + "/x[: "), r.err());
  }

  @Test
  void beamOptionRefusalsAreInTheCommandLinesWords() {
    BuildCliTest.Run r = logdex("build", "--oplogs=x", "--output=y", "--chunkByte=3");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(oneLineForPeople(r).contains("unknown option --chunkByte (did you mean --chunkBytes?)"), r.err());
    r = logdex("build", "--oplogs=x", "--output=y", "--chunkBytes=lots");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(oneLineForPeople(r).contains("--chunkBytes takes a whole number, got: lots"), r.err());
  }

  @Test
  void aDeeplyNestedQueryIsOneLine() {
    String q = "(".repeat(10_000) + "a" + ")".repeat(10_000);
    BuildCliTest.Run r = logdex("search", "--index=" + tmp.resolve("no-index"), q);
    assertTrue(r.code() != ExitCode.OK, r.err());
    oneLineForPeople(r);
  }

  @Test
  void aPathLongerThanAnyPathTermIsLookedUpAndElidedInTheMessage() {
    // Any valid path may be asked for (paths past the term cap are reached from an ancestor); one
    // that is not there is "not found", its path elided in the middle of the line.
    Path out = tmp.resolve("long-path-index");
    assertEquals(ExitCode.OK, logdex("build", "--snapshots=" + BuildCliTest.sample("cluster-state.json") + "@0",
        "--output=" + out).code());
    BuildCliTest.Run r = logdex("get", "--index=" + out, "a.".repeat(20_000) + "b");
    assertEquals(ExitCode.NOT_FOUND, r.code(), r.err());
    String line = oneLineForPeople(r);
    assertTrue(line.contains("a.a.a") && line.contains("bytes)") && line.length() < 400, line);
  }

  @Test
  void anErrorAMillionLevelsDeepNamesAnElidedPath() throws IOException {
    Path deep = tmp.resolve("deep.json");
    Files.writeString(deep, "[".repeat(1_000_000));
    BuildCliTest.Run r = logdex("paths", deep.toString());
    assertEquals(ExitCode.BAD_INPUT, r.code());
    String line = oneLineForPeople(r);
    assertTrue(line.contains("path \"" + "[0]".repeat(40) + "\u2026(2999757 bytes)\u2026" + "[0]".repeat(40) + "\""), line);
    assertEquals("", r.out());
  }

  @Test
  void aFailedConvertWritesNothingToStdoutAndLeavesNoTempFile() throws IOException {
    long before = System.currentTimeMillis();
    // A 10 MB document, cut in the middle.
    StringBuilder sb = new StringBuilder("{\"items\": [");
    for (int i = 0; sb.length() < 10_000_000; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"id\": ").append(i).append(", \"name\": \"item number ").append(i).append("\", \"tags\": [\"a\", \"b\"]}");
    }
    sb.append("]}");
    Path whole = tmp.resolve("whole.json");
    Files.writeString(whole, sb);
    Path cut = tmp.resolve("cut.json");
    Files.writeString(cut, sb.substring(0, sb.length() / 2));

    BuildCliTest.Run r = logdex("convert", "--to=wire", cut.toString());
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals("", r.out(), "no partial document");
    assertTrue(oneLineForPeople(r).contains("cut.json: offset " + sb.length() / 2), r.err());
    r = logdex("convert", "--to=json", "--pretty", cut.toString());
    assertEquals("", r.out(), "no partial document");

    BuildCliTest.Run ok = logdex("convert", "--to=json", whole.toString());
    assertEquals(ExitCode.OK, ok.code(), ok.err());
    assertEquals(sb.toString().replace(", ", ",").replace(": ", ":"), ok.out().strip());
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("logdex-out-"))
          .filter(p -> p.toFile().lastModified() >= before - 1000).toList(), "temp files left");
    }
  }

  @Test
  void getOfABigContainerThatFailsMidwayWritesNothingToStdout() throws IOException {
    // A 17 MB array: over get's 16 MiB parse limit, so it is streamed from the snapshot's bytes.
    StringBuilder sb = new StringBuilder("{\"big\": [");
    for (int i = 0; sb.length() < 17_000_000; i++) {
      if (i > 0) sb.append(", ");
      sb.append("{\"n\": ").append(i).append(", \"s\": \"a value of some length\"}");
    }
    sb.append("], \"small\": 1}");
    Path snap = tmp.resolve("snap.json");
    Files.writeString(snap, sb);
    Path out = tmp.resolve("index");
    BuildCliTest.Run built = logdex("build", "--snapshots=" + snap + "@0", "--output=" + out);
    assertEquals(ExitCode.OK, built.code(), built.err());
    BuildCliTest.Run whole = logdex("get", "--index=" + out, "big");
    assertEquals(ExitCode.OK, whole.code(), whole.err());
    String array = sb.substring(sb.indexOf("["), sb.lastIndexOf("]") + 1);
    assertEquals(array.replace(", ", ",").replace(": ", ":"), whole.out().strip());

    // The snapshot is damaged after the build, three quarters of the way into the array.
    try (var f = new java.io.RandomAccessFile(snap.toFile(), "rw")) {
      int at = sb.indexOf(", ", sb.length() * 3 / 4);
      f.seek(at);
      f.write('}'); // closes nothing: the array is open there
    }
    BuildCliTest.Run r = logdex("get", "--index=" + out, "big");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    assertEquals("", r.out(), "no partial value");
    assertTrue(oneLineForPeople(r).contains("snap.json: offset " + sb.indexOf(", ", sb.length() * 3 / 4) + ", path \"big\""),
        r.err());
  }

  @Test
  void wrappedProjectErrorsAreUnwrapped() {
    FormatException bad = new FormatException("not a value", "in.json", 12, 1, 13, "a.b");
    String expected = "logdex boom: in.json: offset 12, line 1, column 13, path \"a.b\": not a value";
    // As the DirectRunner throws what a DoFn threw.
    BuildCliTest.Run r = throwing(new PipelineExecutionException(UserCodeException.wrap(bad)), false);
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(expected, oneLineForPeople(r));
    // As Flink reports a task's failure: a job exception around a serialized copy.
    r = throwing(new JobExecutionException(null, "Job execution failed.", new SerializedThrowable(bad)), false);
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals(expected, oneLineForPeople(r));
    // A RuntimeException(cause) wrapper's message is the cause's class and message.
    r = throwing(new IllegalStateException(new UncheckedIOException(new NoSuchFileException("/no/such"))), false);
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("logdex boom: no such file: /no/such", oneLineForPeople(r));
    r = throwing(new RuntimeException(new java.io.FileNotFoundException("/x/y (Permission denied)")), false);
    assertEquals("logdex boom: permission denied: /x/y", oneLineForPeople(r));
  }

  @Test
  void aMultiLineMessageIsOneLine() {
    BuildCliTest.Run r = throwing(new FormatException("bad record\n{\"a\":\n 1}", "x.jsonl", 0), false);
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertEquals("logdex boom: x.jsonl: offset 0: bad record\\n{\"a\":\\n 1}", oneLineForPeople(r));
    r = throwing(new IOException("the build job ended failed\nsee above"), false);
    assertEquals("logdex boom: the build job ended failed\\nsee above", oneLineForPeople(r));
  }

  @Test
  void bugsAndAnExhaustedJvmAreInternalErrorsWithoutClassNames() {
    Throwable[] bugs = {
      new StackOverflowError(),
      new OutOfMemoryError("Java heap space"),
      new NullPointerException("Cannot invoke \"java.util.List.size()\" because \"<local1>\" is null"),
      new IllegalStateException("cannot happen"),
      new PipelineExecutionException(new ClassCastException("class java.lang.String cannot be cast to class java.lang.Long")),
    };
    for (Throwable t : bugs) {
      BuildCliTest.Run r = throwing(t, false);
      assertEquals(ExitCode.INTERNAL, r.code(), r.err());
      String line = oneLineForPeople(r);
      assertTrue(line.startsWith("logdex boom: internal error: ") && line.contains("; please report it"), line);
    }
    assertTrue(throwing(new StackOverflowError(), false).err().contains("ran out of stack"));
    assertTrue(throwing(new IllegalStateException("cannot happen"), false).err().contains("cannot happen"));
  }

  @Test
  void logdexDebugAddsTheStackTrace() {
    BuildCliTest.Run r = throwing(new IllegalStateException("cannot happen"), true);
    assertEquals(ExitCode.INTERNAL, r.code());
    String[] lines = r.err().split("\n");
    assertTrue(lines[0].startsWith("logdex boom: internal error: cannot happen"), r.err());
    assertTrue(lines.length > 2 && r.err().contains("IllegalStateException") && r.err().contains("\tat "), r.err());
  }

  @Test
  void everyCommandsFailureIsOneLine() throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"a\": [1, 2,, 3]}");
    Path notLog = tmp.resolve("not.log");
    Files.writeString(notLog, "not a log at all, just text\n".repeat(100));
    String[][] failing = {
      {"paths", bad.toString()},
      {"paths", tmp.resolve("missing.json").toString()},
      {"convert", "--to=json", bad.toString()},
      {"build", "--oplogs=" + tmp.resolve("missing.jsonl"), "--output=" + tmp.resolve("o")},
      {"search", "--index=" + tmp.resolve("missing"), "x"},
      {"stats", "--index=" + tmp},
      {"get", "--index=" + tmp, "a.b"},
      {"read-at", "--index=" + tmp, "--commit=1", "a"},
      {"compact", "--index=" + tmp, "--commit=1"},
      {"log", "dump", notLog.toString()},
      {"log", "read", notLog.toString(), "0"},
      {"verify", tmp.resolve("missing.log").toString()},
      {"recover", notLog.toString()},
      {"nosuchcommand"},
    };
    for (String[] args : failing) {
      BuildCliTest.Run r = logdex(args);
      assertTrue(r.code() != ExitCode.OK && r.code() != ExitCode.INTERNAL, String.join(" ", args) + ": " + r.err());
      oneLineForPeople(r);
    }
  }
}
