package io.logdex.cli;

import io.logdex.format.index.IndexStats;
import io.logdex.format.index.TermFreq;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code logdex stats}: a build's figures, from its manifests and dictionary footers only. */
final class StatsCommand implements Command {
  @Override
  public String name() {
    return "stats";
  }

  @Override
  public String summary() {
    return "counts, sizes and top terms of a built index (manifest and dictionaries only)";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex stats --index=DIR [--top=N]",
        "",
        "Prints 'name<TAB>value' lines: generation, counts, sizes, maxCommit, then the most frequent",
        "terms as 'term<TAB>docs<TAB>word:w | field:name:value | path:p'. Reads no postings and no logs.",
        "",
        "  --top=N   top terms to list (default 20; at most what the build recorded)",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of("index", "top"), false);
    Path dir = IndexDirectory.of(a);
    long top = a.getLong("top", 20);
    if (top < 0) throw new UsageException("--top must not be negative");
    if (!a.positional().isEmpty()) throw new UsageException("unexpected argument " + a.positional().get(0));
    try (BuildOutput index = BuildOutput.open(dir)) {
      BuildManifest m = index.manifest();
      IndexStats s = index.index().stats();
      line(out, "generation", m.generation());
      line(out, "maxCommit", m.hasMaxCommit() ? Long.toString(m.maxCommit()) : "none");
      for (String c : List.of("inputs", "chunks", "inputRecords", "entries", "subDocuments", "badRecords", "skipped")) {
        line(out, c, Long.toString(m.count(c)));
      }
      line(out, "docs", Long.toString(s.docs()));
      line(out, "terms", Long.toString(s.terms()));
      line(out, "postings", Long.toString(s.postings()));
      line(out, "totalWords", Long.toString(s.totalWords()));
      line(out, "partitions", Integer.toString(s.partitions()));
      line(out, "indexBytes", Long.toString(s.totalBytes()));
      var outputs = m.node().get("outputs");
      line(out, "logBytes", outputs.get("logs").get("bytes").text());
      line(out, "deadLetterBytes", outputs.get("deadLetters").get("bytes").text());
      List<TermFreq> terms = s.topTerms();
      for (int i = 0; i < Math.min(top, terms.size()); i++) {
        out.printf(Locale.ROOT, "term\t%d\t%s%n", terms.get(i).docFreq(), terms.get(i).describe());
      }
    }
    return ExitCode.OK;
  }

  private static void line(PrintStream out, String name, String value) {
    out.print(name);
    out.print('\t');
    out.println(value);
  }
}
