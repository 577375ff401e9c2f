package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.cli.BuildCliTest.Run;
import io.logdex.pipelines.LogdexBuildOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's conventions (issue 14): {@code --opt value} and {@code --opt=value}, short
 * flags, options before the query with {@code --} ending them and {@code -term} after the first
 * query word being its NOT, unknown options as usage errors, {@code --version}, the Beam and Flink
 * help of {@code build}, and the documented exit codes.
 */
class CliConventionsTest {
  @TempDir static Path tmp;
  static Path index;

  @BeforeAll
  static void build() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(BuildCliTest.sample("ops.jsonl"), in.resolve("ops.jsonl"));
    index = tmp.resolve("index");
    // Beam options as separate words: joined into Beam's --name=value before Beam parses them.
    Run r = logdex("build", "--oplogs", in + "/*.jsonl", "--snapshots", BuildCliTest.sample("cluster-state.json") + "@0",
        "--output", index.toString(), "--chunkBytes", "32768", "--targetParallelism", "2", "--enforceImmutability", "false");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000001 in " + index), r.out());
  }

  private static long count(String... words) {
    Run r = logdex(words);
    assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.NOT_FOUND, r.err());
    return Long.parseLong(r.out().strip());
  }

  @Test
  void anOptionTakesItsValueAttachedOrAsTheNextWord() {
    Run attached = logdex("search", "--index=" + index, "--limit=3", "op:GET");
    assertEquals(ExitCode.OK, attached.code(), attached.err());
    assertEquals(3, attached.lines().size());
    for (List<String> words : List.of(
        List.of("search", "--index", index.toString(), "--limit", "3", "op:GET"),
        List.of("search", "--index", index.toString(), "-n", "3", "op:GET"),
        List.of("search", "-n3", "--index", index.toString(), "op:GET"))) {
      Run r = logdex(words.toArray(new String[0]));
      assertEquals(ExitCode.OK, r.code(), words + ": " + r.err());
      assertEquals(attached.out(), r.out(), words.toString());
    }
  }

  @Test
  void shortFlagsAreTheLongOnes() {
    long n = count("search", "--index=" + index, "--count", "op:GET");
    assertTrue(n > 3, "op:GET matches several entries: " + n);
    assertEquals(n, count("search", "--index=" + index, "-c", "op:GET"));
    assertEquals(n, count("search", "-c", "--index", index.toString(), "op:GET"));
  }

  @Test
  void afterTheFirstQueryWordADashWordIsTheQuerysNot() {
    long get = count("search", "--index=" + index, "-c", "op:GET");
    long one = count("search", "--index=" + index, "-c", "op:GET", "client_id:sai3-agent-39");
    long others = count("search", "--index=" + index, "-c", "op:GET", "-client_id:sai3-agent-39");
    assertTrue(one > 0 && others > 0, one + " " + others);
    assertEquals(get, one + others, "a field's value and its NOT split the hits");
    // "-n 1" after the first word are query words (NOT n, and 1), never the limit.
    long words = count("search", "--index=" + index, "-c", "--", "op:GET", "-n", "1");
    assertTrue(words > 1, "more hits than the limit -n 1 would give: " + words);
    Run r = logdex("search", "--index=" + index, "op:GET", "-n", "1");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals(Math.min(words, SearchCommand.DEFAULT_LIMIT), r.lines().size(), r.out());
    // "--" ends the options: a query may start with a NOT.
    assertEquals(others, count("search", "--index=" + index, "-c", "--", "-client_id:sai3-agent-39", "op:GET"));
  }

  @Test
  void aDashWordBeforeTheQueryIsAnOptionSoUnknownOnesAreUsageErrors() {
    Run r = logdex("search", "--index=" + index, "--bogus", "op:GET");
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("logdex search: unknown option --bogus (try logdex search --help)\n", r.err());
    r = logdex("search", "--index=" + index, "--limt=3", "op:GET");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("unknown option --limt (did you mean --limit?)"), r.err());
    r = logdex("search", "--index=" + index, "-client_id:x", "op:GET");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("unknown option -client_id:x (a query starting with '-' goes after '--')"), r.err());
    for (String cmd : List.of("get", "read-at", "stats", "paths", "compact", "verify", "serve", "convert")) {
      Run u = logdex(cmd, "--noSuchOption=1", "x");
      assertEquals(ExitCode.USAGE, u.code(), cmd + ": " + u.err());
      assertEquals("logdex " + cmd + ": unknown option --noSuchOption (try logdex " + cmd + " --help)\n", u.err());
    }
    assertEquals(ExitCode.USAGE, logdex("log", "dump", "--bogus", "x.log").code());
    assertEquals(ExitCode.USAGE, logdex("--bogus").code());
  }

  @Test
  void anOptionAfterTheQueryIsRefusedRatherThanSearchedFor() {
    Run r = logdex("search", "--index=" + index, "op:GET", "--limit=3");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().startsWith("logdex search: options go before the query: --limit=3 after 'op:GET'"), r.err());
    assertFalse(r.err().strip().contains("\n"), r.err());
  }

  @Test
  void optionValuesAndFlagsAreCheckedInWords() {
    Run r = logdex("search", "--index");
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("logdex search: --index needs a value (try logdex search --help)\n", r.err());
    r = logdex("search", "--index", "--count", "op:GET");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("--index needs a value"), r.err());
    r = logdex("search", "--index=" + index, "--count=yes", "op:GET");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("--count takes no value"), r.err());
    r = logdex("search", "--index=" + index, "-n", "many", "op:GET");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("--limit takes a whole number, got: many"), r.err());
  }

  @Test
  void versionNamesLogdexBeamAndJava() {
    for (String flag : List.of("--version", "-V")) {
      Run r = logdex(flag);
      assertEquals(ExitCode.OK, r.code(), r.err());
      List<String> lines = r.lines();
      assertEquals(3, lines.size(), r.out());
      assertTrue(lines.get(0).matches("logdex \\d+\\.\\d+\\.\\d+.*"), lines.get(0));
      assertTrue(lines.get(1).matches("Apache Beam 2\\.\\d+\\.\\d+.*"), lines.get(1));
      assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version")), lines.get(2));
    }
  }

  @Test
  void helpIsShortOrLongAndListsTheExitCodes() {
    for (String flag : List.of("--help", "-h")) {
      Run top = logdex(flag);
      assertEquals(ExitCode.OK, top.code());
      assertTrue(top.out().contains("Exit codes: 0 ok, 1 not found (no match), 2 usage, 3 bad input, 4 internal error"),
          top.out());
      Run search = logdex("search", flag);
      assertEquals(ExitCode.OK, search.code());
      assertTrue(search.out().startsWith("usage: logdex search"), search.out());
      assertTrue(search.out().contains("-n, --limit=N") && search.out().contains("-c, --count"), search.out());
      assertTrue(search.out().contains("Exit codes: 0 ok, 1 not found"), search.out());
    }
    Run none = logdex();
    assertEquals(ExitCode.USAGE, none.code());
    assertTrue(none.err().startsWith("usage: logdex"), none.err());
  }

  @Test
  void buildHelpTellsHowToSeeBeamsAndFlinksOptions() {
    Run r = logdex("build", "--help");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("--help=beam") && r.out().contains("--help=flink"), r.out());
    // Help wins over the other words, which are never read as a topic.
    assertEquals(r.out(), logdex("build", "--oplogs=x", "-h", "--output=y").out());
    Run beam = logdex("build", "--help=beam");
    assertEquals(ExitCode.OK, beam.code(), beam.err());
    assertTrue(beam.out().contains("--runner=") && beam.out().contains("--targetParallelism="), beam.out());
    Run flink = logdex("build", "--help", "flink");
    assertEquals(ExitCode.OK, flink.code(), flink.err());
    assertTrue(flink.out().contains("--flinkMaster="), flink.out());
    Run junk = logdex("build", "--help=spark");
    assertEquals(ExitCode.USAGE, junk.code());
    assertEquals("logdex build: --help takes beam or flink, got: spark (try logdex build --help)\n", junk.err());
  }

  @Test
  void beamOptionsAsSeparateWordsAreJoinedOnlyWhereUnambiguous() {
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    assertEquals(List.of("--oplogs=a,b", "--maxBadRecords=-1", "--streaming", "--enforceImmutability=false"),
        BeamArgs.joined(List.of("--oplogs", "a,b", "--maxBadRecords", "-1", "--streaming", "--enforceImmutability",
            "false")));
    // A true/false option followed by another word: the word is not its value.
    UsageException e = assertThrows(UsageException.class,
        () -> BeamArgs.joined(List.of("--streaming", "out", "--output=y")));
    assertEquals("unexpected argument out", e.getMessage());
    // A name Beam does not know takes the next word, so that Beam's refusal names the option.
    assertEquals(List.of("--chunkByte=3"), BeamArgs.joined(List.of("--chunkByte", "3")));
    Run r = logdex("build", "--oplogs", "x", "--output", "y", "--chunkByte", "3");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("unknown option --chunkByte (did you mean --chunkBytes?)"), r.err());
  }

  @Test
  void aPathComesAfterTheOptionsOrAfterDashDash() {
    String path = "namespaces.identity.configMaps.app-config.data";
    Run attached = logdex("get", "--index=" + index, "--pretty", path);
    assertEquals(ExitCode.OK, attached.code(), attached.err());
    assertTrue(attached.out().contains("\n  "), "indented: " + attached.out());
    Run spaced = logdex("get", "--index", index.toString(), "--to", "json", "--pretty", "--", path);
    assertEquals(attached.out(), spaced.out(), spaced.err());
    Run late = logdex("get", "--index=" + index, path, "--pretty");
    assertEquals(ExitCode.USAGE, late.code());
    assertTrue(late.err().contains("options go before the query: --pretty after"), late.err());
  }

  @Test
  void logDumpTakesDashNForItsLimit() throws Exception {
    Path log = tmp.resolve("commits.log");
    Run w = logdex("log", "write", "--from", BuildCliTest.sample("commits.jsonl").toString(), "--to", log.toString());
    assertEquals(ExitCode.OK, w.code(), w.err());
    Run two = logdex("log", "dump", log.toString(), "-n", "2");
    assertEquals(ExitCode.OK, two.code(), two.err());
    assertEquals(2, two.lines().size());
    assertEquals(two.out(), logdex("log", "dump", "--limit=2", log.toString()).out());
  }

  @Test
  void anAtWordIsAWordNeverAnArgumentFile() throws Exception {
    // Picocli would read the words of @FILE in its place: "@timestamp:..." is a query word here.
    Path words = Files.writeString(tmp.resolve("words"), BuildCliTest.sample("ops.jsonl") + "\n");
    Run r = logdex("paths", "-c", "@" + words);
    assertEquals(ExitCode.USAGE, r.code(), r.out());
    assertTrue(r.err().contains("no such file: @" + words), r.err());
  }

  @Test
  void exitCodesAreTheDocumentedOnes() throws Exception {
    assertEquals(ExitCode.OK, logdex("search", "--index=" + index, "-c", "op:GET").code());
    assertEquals(ExitCode.NOT_FOUND, logdex("search", "--index=" + index, "no-such-word-anywhere").code());
    assertEquals(ExitCode.USAGE, logdex("search", "--index=" + index, "--nope", "x").code());
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"a\": tru}");
    assertEquals(ExitCode.BAD_INPUT, logdex("paths", bad.toString()).code());
    assertEquals(ExitCode.OK, logdex("paths", "-c", BuildCliTest.sample("ops.jsonl").toString()).code());
  }
}
