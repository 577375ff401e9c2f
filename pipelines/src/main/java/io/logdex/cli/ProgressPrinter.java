package io.logdex.cli;

import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.BuildProgress;
import io.logdex.pipelines.ProgressLine;
import java.io.PrintStream;

/**
 * {@code build --progress=auto|tty|lines|off}: on a terminal, one line redrawn in place ({@code \r})
 * a few times a second; elsewhere (a CI log, a file), one line per phase as it ends, so a log holds
 * what each phase took without a line per sample.
 */
final class ProgressPrinter implements BuildJob.ProgressListener {
  static final String MODES = "auto, tty, lines or off";

  private final boolean tty;
  private final PrintStream err;
  private int drawn = -1; // the redrawn line's length; -1 before the first

  private ProgressPrinter(boolean tty, PrintStream err) {
    this.tty = tty;
    this.err = err;
  }

  /** The printer a mode asks for (auto: tty on a terminal, else lines), or null for off. */
  static ProgressPrinter of(String mode, boolean terminal, PrintStream err) {
    return switch (mode) {
      case "auto" -> new ProgressPrinter(terminal, err);
      case "tty" -> new ProgressPrinter(true, err);
      case "lines" -> new ProgressPrinter(false, err);
      case "off" -> null;
      default -> throw new UsageException("--progress is " + MODES + ", not " + Main.oneLine(mode));
    };
  }

  // Synchronized: note() comes from the remote poller's thread, the rest from the launcher's.
  @Override
  public synchronized void progress(BuildProgress.Snapshot s) {
    if (tty) redraw(ProgressLine.running(s));
  }

  @Override
  public synchronized void phaseEnded(BuildProgress.Snapshot s) {
    if (tty) {
      redraw(ProgressLine.finished(s));
    } else {
      err.println("logdex build: " + ProgressLine.finished(s));
    }
  }

  /**
   * Often enough for a terminal's line to look live and a phase's end to be timed within a quarter
   * second (a log's lines too); sampling this often costs nothing measurable (docs/BENCHMARKS.md).
   */
  @Override
  public long intervalMillis() {
    return 250;
  }

  /** A line of its own, in either mode; a redrawn line is ended first and drawn anew by the next sample. */
  @Override
  public synchronized void note(String line) {
    end();
    err.println("logdex build: " + line);
  }

  /** Ends the redrawn line, so what follows starts on a line of its own. */
  synchronized void end() {
    if (drawn >= 0) err.println();
    drawn = -1;
  }

  private void redraw(String line) {
    String text = "logdex build: " + line;
    // Blanks over what a longer previous line left behind.
    err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
    err.flush();
    drawn = text.length();
  }
}
