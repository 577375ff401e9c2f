package io.logdex.cli;

import io.logdex.format.log.Damage;
import io.logdex.format.log.VerifyReport;
import java.io.PrintStream;

/**
 * {@code logdex verify}'s text: '&lt;offset&gt;\t&lt;reason&gt;' per damage and 'ok\t...' for a
 * clean log, prefixed by the log's name and a tab within a build; an error goes to stderr through
 * Main, so the end prints nothing.
 */
final class VerifyText implements VerifyFindings {
  private final PrintStream out;
  private final boolean named;

  /** named: lines start with the log's name (a build), not for a single file. */
  VerifyText(PrintStream out, boolean named) {
    this.out = out;
    this.named = named;
  }

  /** The same printer for a build, whose lines start with the log's name. */
  VerifyText named() {
    return new VerifyText(out, true);
  }

  @Override
  public void log(String name, VerifyReport r) {
    String prefix = named ? name + "\t" : "";
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

  @Override
  public void logMismatch(String name, String reason) {
    out.println(name + "\t-1\t" + reason);
  }

  @Override
  public void index(String name, long docs, long terms) {
    out.println(name + "\tok\t" + docs + " docs, " + terms + " terms");
  }

  @Override
  public void end(boolean ok, int exitCode, String index, String error) {}
}
