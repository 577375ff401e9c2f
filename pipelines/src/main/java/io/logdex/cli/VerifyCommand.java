package io.logdex.cli;

import io.logdex.format.log.Damage;
import io.logdex.format.log.LogVerifier;
import io.logdex.format.log.VerifyReport;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.ChunkSummary;
import io.logdex.transforms.Generations;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code logdex verify}: checks every CRC of a log (reporting each damaged record), or of a whole
 * build output (every log, its size against the manifest, and every page of the index).
 */
final class VerifyCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.of();

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "check a log file (or a build output directory) for damage";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex verify FILE.log|DIR",
        "",
        "FILE.log: reads every fragment and checks its CRC. Prints '<offset>\\t<reason>' per damage",
        "and exits 3 if there is any; otherwise prints a one-line summary.",
        "DIR (a 'logdex build' output): verifies every log as above (lines start with the log's",
        "name), checks their sizes against the manifest, and reads every index page.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    Path target = IndexDirectory.path(a.onePositional("FILE.log or DIR"), a);
    if (Files.isDirectory(target) && Files.exists(target.resolve(Generations.MANIFEST))) {
      return verifyBuild(target, out);
    }
    if (!Files.isRegularFile(target)) throw new java.nio.file.NoSuchFileException(target.toString());
    VerifyReport r = LogVerifier.verify(target);
    print(r, "", out);
    return r.clean() ? ExitCode.OK : ExitCode.BAD_INPUT;
  }

  private static void print(VerifyReport r, String prefix, PrintStream out) {
    for (Damage d : r.damages()) {
      out.println(prefix + d.offset() + "\t" + Main.oneLine(d.reason()) + (d.truncation() ? " (truncated)" : ""));
    }
    if (r.damageCount() > r.damages().size()) {
      out.println(prefix + "...\t" + (r.damageCount() - r.damages().size()) + " more damages not listed");
    }
    if (r.clean()) {
      out.println(prefix + "ok\t" + r.records() + " records, " + r.payloadBytes() + " payload bytes");
    }
  }

  private static int verifyBuild(Path dir, PrintStream out) throws Exception {
    boolean clean = true;
    try (BuildOutput b = BuildOutput.open(dir)) {
      BuildManifest m = b.manifest();
      for (ChunkSummary c : m.chunks()) {
        if (c.log() == null) continue;
        Path log = b.generationDir().resolve(c.log());
        String name = m.generation() + "/" + c.log() + "\t";
        long size = Files.size(log);
        if (size != c.logBytes()) {
          out.println(name + "-1\tfile is " + size + " bytes, the manifest says " + c.logBytes());
          clean = false;
          continue;
        }
        VerifyReport r = LogVerifier.verify(log);
        if (!r.clean() || r.records() != c.entries()) clean = false;
        if (r.clean() && r.records() != c.entries()) {
          out.println(name + "-1\tholds " + r.records() + " records, the manifest says " + c.entries());
        } else {
          print(r, name, out);
        }
      }
      b.index().verify();
      out.println(m.generation() + "/index\tok\t" + b.index().manifest().docs() + " docs, "
          + b.index().manifest().terms() + " terms");
    }
    return clean ? ExitCode.OK : ExitCode.BAD_INPUT;
  }
}
