package io.logdex.cli;

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
      CommandOptions.of().value("index", "DIR").flag("json");

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
        "usage: logdex verify [--json] FILE.log|DIR",
        "       logdex verify [--json] --index=DIR",
        "",
        "FILE.log: reads every fragment and checks its CRC. Prints '<offset>\\t<reason>' per damage",
        "and exits 3 if there is any; otherwise prints a one-line summary.",
        "DIR (a 'logdex build' output): verifies every log as above (lines start with the log's",
        "name), checks their sizes against the manifest, and reads every index page.",
        "",
        "  --index=DIR   the build output to check (or give it as the one argument)",
        "  --json        one JSON object per line instead: {\"check\":\"log\", \"file\", \"ok\", \"records\",",
        "                \"payloadBytes\", \"damages\": [{\"offset\", \"reason\", \"truncated\"}], \"damageCount\"}",
        "                per log ({\"error\"} instead when it disagrees with the manifest), {\"check\":\"index\",",
        "                \"file\", \"ok\", \"docs\", \"terms\"} (or {\"error\"}), and last {\"check\":\"summary\",",
        "                \"ok\", \"logs\", \"damagedLogs\", \"damages\", \"records\", \"indexes\", \"exit\", \"error\"?}.",
        "                Exit codes are as without it; an error is also one line on stderr.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    if (a.has("index") && !a.positional().isEmpty()) {
      throw new UsageException("give the index as --index=DIR or as the one argument, not both");
    }
    String where = a.has("index") ? a.get("index", "") : a.onePositional("FILE.log or DIR");
    if (!a.flag("json")) return verify(IndexDirectory.path(where, a), new VerifyText(out, false), new Checking());
    VerifyJson json = new VerifyJson(out);
    Checking checking = new Checking();
    try {
      int code = verify(IndexDirectory.path(where, a), json, checking);
      json.end(code == ExitCode.OK, code, null, null);
      return code;
    } catch (Exception e) { // the summary still ends the lines; Main prints the same error on stderr
      ErrorReport r = ErrorReport.of(e);
      json.end(false, r.exitCode(), checking.index, r.message());
      throw e;
    }
  }

  /** The index being read when an error strikes, for the JSON line that names it. */
  private static final class Checking {
    String index;
  }

  private static int verify(Path target, VerifyFindings findings, Checking checking) throws Exception {
    if (Files.isDirectory(target) && Files.exists(target.resolve(Generations.MANIFEST))) {
      return verifyBuild(target, findings instanceof VerifyText t ? t.named() : findings, checking);
    }
    if (!Files.isRegularFile(target)) throw new java.nio.file.NoSuchFileException(target.toString());
    VerifyReport r = LogVerifier.verify(target);
    findings.log(target.toString(), r);
    return r.clean() ? ExitCode.OK : ExitCode.BAD_INPUT;
  }

  private static int verifyBuild(Path dir, VerifyFindings findings, Checking checking) throws Exception {
    boolean clean = true;
    try (BuildOutput b = BuildOutput.open(dir)) {
      BuildManifest m = b.manifest();
      for (ChunkSummary c : m.chunks()) {
        if (c.log() == null) continue;
        Path log = b.generationDir().resolve(c.log());
        String name = m.generation() + "/" + c.log();
        long size = Files.size(log);
        if (size != c.logBytes()) {
          findings.logMismatch(name, "file is " + size + " bytes, the manifest says " + c.logBytes());
          clean = false;
          continue;
        }
        VerifyReport r = LogVerifier.verify(log);
        if (!r.clean() || r.records() != c.entries()) clean = false;
        if (r.clean() && r.records() != c.entries()) {
          findings.logMismatch(name, "holds " + r.records() + " records, the manifest says " + c.entries());
        } else {
          findings.log(name, r);
        }
      }
      checking.index = m.generation() + "/index";
      b.index().verify();
      findings.index(checking.index, b.index().manifest().docs(), b.index().manifest().terms());
      checking.index = null;
    }
    return clean ? ExitCode.OK : ExitCode.BAD_INPUT;
  }
}
